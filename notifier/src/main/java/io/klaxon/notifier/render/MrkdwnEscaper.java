package io.klaxon.notifier.render;

/**
 * Escapes text for Slack mrkdwn. Slack gives {@code &}, {@code <} and {@code >} control meaning
 * ({@code <!channel>}, {@code <!here>}, {@code <!everyone>}, {@code <@U123>}, {@code <#C123>},
 * {@code <!subteam^S1>}, {@code <url|text>}); escaping them as entities makes untrusted text inert,
 * so it cannot mention users, groups or channels or forge links. Plain {@code @here} is left to
 * the text objects' {@code verbatim} flag ({@link SlackRenderer}).
 */
public final class MrkdwnEscaper {
  private MrkdwnEscaper() {}

  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * A mrkdwn link {@code <url|text>} for an http(s) URL, or null when the URL is not http(s).
   * The URL's {@code | < > &}, spaces and bidi controls are percent-encoded or escaped so it
   * cannot end the link early or reorder the text; the text is escaped.
   */
  public static String link(String url, String text) {
    String lower = url.strip().toLowerCase(java.util.Locale.ROOT);
    if (!lower.startsWith("https://") && !lower.startsWith("http://")) {
      return null;
    }
    String safeUrl = BidiIsolation.percentEncodeControls(url.strip()).replace("|", "%7C").replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")
        .replace("&", "&amp;");
    return "<" + safeUrl + "|" + escape(text) + ">";
  }
}
