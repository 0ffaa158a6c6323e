package io.klaxon.contract;

import java.util.List;
import java.util.stream.Stream;

/**
 * The languages Klaxon renders notifications in: the one list. A message bundle exists for each
 * language and each variant (a test checks), tenant files may name any of them as a default
 * locale, and regional tags fall back to them ({@code fr-CA → fr → en}). A variant is a script or
 * region with a bundle of its own, read before its language's: Taiwan, Hong Kong and Macao write
 * Traditional Chinese ({@code zh-TW → zh-Hant → zh → en}), Portugal reads {@code pt-PT} before
 * {@code pt}, while Brazil reads {@code pt}. Tenants may bring bundles of their own for other
 * languages (the notifier's and the tenant file's business, not this list's). Which locales are
 * written right to left is CLDR's fact (ICU's {@code ULocale#isRightToLeft}), not a list here.
 * Stateless.
 */
public final class SupportedLanguages {
  /** The bundled languages, English (the fallback of last resort) first. */
  public static final List<String> ALL = List.of("en", "fr", "de", "es", "it", "pt", "ru", "zh", "ja", "ko", "ar", "he");

  /** Script and region variants with a bundle of their own (BCP 47 tags); each falls back to its language. */
  public static final List<String> VARIANTS = List.of("zh-Hant", "pt-PT");

  /** Every locale with a bundle (BCP 47 tags): the languages, then the variants. */
  public static final List<String> BUNDLED = Stream.concat(ALL.stream(), VARIANTS.stream()).toList();

  /** The language every chain ends in. */
  public static final String FALLBACK = "en";

  private SupportedLanguages() {}

  /** Whether {@code language} (a bare ISO 639 code) is one of {@link #ALL}. */
  public static boolean isSupported(String language) {
    return ALL.contains(language);
  }
}
