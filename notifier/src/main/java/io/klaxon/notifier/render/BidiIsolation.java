package io.klaxon.notifier.render;

/**
 * Unicode bidirectional isolates (UAX #9) for chat text. In a right-to-left message, untrusted or
 * left-to-right runs (titles, label values, URLs) are wrapped in FSI…PDI so their direction
 * cannot reorder the surrounding text, and the whole message in RLI…PDI.
 */
public final class BidiIsolation {
  /** RIGHT-TO-LEFT ISOLATE. */
  public static final char RLI = '\u2067';
  /** FIRST STRONG ISOLATE. */
  public static final char FSI = '\u2068';
  /** POP DIRECTIONAL ISOLATE. */
  public static final char PDI = '\u2069';

  private final boolean rightToLeft;

  public BidiIsolation(boolean rightToLeft) {
    this.rightToLeft = rightToLeft;
  }

  /** Wraps a run of untrusted text in FSI…PDI in a right-to-left message; unchanged otherwise. */
  public String run(String text) {
    return rightToLeft ? FSI + stripIsolates(text) + PDI : text;
  }

  /** Wraps a whole right-to-left line in RLI…PDI; unchanged otherwise. */
  public String line(String text) {
    return rightToLeft ? RLI + text + PDI : text;
  }

  /** Removes directional formatting characters an untrusted text might carry to break out. */
  static String stripIsolates(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean directional = (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
      if (!directional) {
        out.append(c);
      }
    }
    return out.toString();
  }
}
