package io.klaxon.contract;

import java.util.List;
import java.util.Set;

/**
 * The languages Klaxon renders notifications in: the one list. A message bundle exists for each
 * (a test checks), tenant files may name any of them as a default locale, and regional tags fall
 * back to them ({@code fr-CA → fr → en}). Stateless.
 */
public final class SupportedLanguages {
  /** The bundled languages, English (the fallback of last resort) first. */
  public static final List<String> ALL = List.of("en", "fr", "de", "es", "it", "pt", "ru", "zh", "ja", "ko", "ar", "he");

  /** The language every chain ends in. */
  public static final String FALLBACK = "en";

  private static final Set<String> RIGHT_TO_LEFT = Set.of("ar", "he");

  private SupportedLanguages() {}

  /** Whether {@code language} (a bare ISO 639 code) is one of {@link #ALL}. */
  public static boolean isSupported(String language) {
    return ALL.contains(language);
  }

  /** Whether a supported language is written right to left. */
  public static boolean isRightToLeft(String language) {
    return RIGHT_TO_LEFT.contains(language);
  }
}
