package io.klaxon.sinks;

/**
 * Escapes untrusted text for HTML element content and double- or single-quoted attribute values.
 * Stateless.
 */
public final class HtmlText {
  private HtmlText() {}

  /** Escapes {@code & < > " '}; null becomes the empty string. */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
