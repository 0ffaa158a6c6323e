package io.klaxon.notifier.render;

/** Makes untrusted text safe for a mail header: one line, no control characters. */
public final class HeaderText {
  private HeaderText() {}

  /**
   * Replaces CR, LF and every other control character (and Unicode line/paragraph separators) by
   * a space and collapses runs of spaces, so a header cannot be split or injected.
   */
  public static String singleLine(String value) {
    StringBuilder out = new StringBuilder(value.length());
    boolean lastSpace = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean space = Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == ' ';
      if (space) {
        if (!lastSpace) {
          out.append(' ');
        }
      } else {
        out.append(c);
      }
      lastSpace = space;
    }
    return out.toString().strip();
  }
}
