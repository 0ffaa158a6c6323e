package io.klaxon.sinks.inbox;

import java.util.Locale;
import java.util.Set;

/**
 * Decides whether captured text reads right to left. The notifier wraps right-to-left chat lines in
 * Unicode isolates, and the browser's {@code dir="auto"} skips isolated runs, so the page cannot
 * leave this decision to the browser alone. Stateless.
 */
public final class TextDirection {
  private static final char RLI = '\u2067';
  private static final char RLE = '\u202B';
  private static final char RLO = '\u202E';
  private static final Set<String> RTL_LANGUAGES = Set.of("ar", "he", "iw", "fa", "ur", "yi", "ps", "sd", "ug", "dv");

  private TextDirection() {}

  /**
   * True when the text contains a right-to-left isolate/embedding/override, or when its first
   * strong directional character (outside any isolate) is right to left.
   */
  public static boolean isRightToLeft(String text) {
    if (text == null || text.isEmpty()) {
      return false;
    }
    if (text.indexOf(RLI) >= 0 || text.indexOf(RLE) >= 0 || text.indexOf(RLO) >= 0) {
      return true;
    }
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      byte d = Character.getDirectionality(cp);
      if (d == Character.DIRECTIONALITY_RIGHT_TO_LEFT || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC) {
        return true;
      }
      if (d == Character.DIRECTIONALITY_LEFT_TO_RIGHT && Character.isLetter(cp)) {
        return false;
      }
      i += Character.charCount(cp);
    }
    return false;
  }

  /** True when a BCP 47 tag (such as {@code ar}, {@code he-IL}) names a right-to-left language. */
  public static boolean isRightToLeftLanguage(String languageTag) {
    if (languageTag == null || languageTag.isBlank()) {
      return false;
    }
    String language = Locale.forLanguageTag(languageTag.strip().replace('_', '-')).getLanguage();
    return RTL_LANGUAGES.contains(language);
  }
}
