package io.klaxon.sinks.inbox;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.owasp.encoder.Encode;

/**
 * Renders Slack mrkdwn as HTML the way a Slack client shows it: {@code *bold*}, {@code _italic_},
 * {@code ~strike~}, {@code `code`}, {@code ```preformatted```}, {@code <url|text>} links (http,
 * https and mailto only), mentions ({@code <!channel>}, {@code <@U…>}, {@code <#C…|name>}) shown
 * inert, and a few emoji shortcodes. Slack's own escapes (the HTML entities of {@code &}, {@code <} and {@code >}) are decoded and
 * everything else is HTML-escaped, so no captured text can inject markup. Newlines are kept as
 * they are (the page shows them with {@code white-space: pre-wrap}). Stateless.
 */
public final class MrkdwnHtml {
  private static final Pattern CONTROL = Pattern.compile("<([^<>]*)>");
  private static final Pattern BOLD = Pattern.compile("(?<![\\p{L}\\p{N}*])\\*(?=\\S)([^*\\n]+?)(?<=\\S)\\*(?![\\p{L}\\p{N}*])");
  private static final Pattern ITALIC = Pattern.compile("(?<![\\p{L}\\p{N}_])_(?=\\S)([^_\\n]+?)(?<=\\S)_(?![\\p{L}\\p{N}_])");
  private static final Pattern STRIKE = Pattern.compile("(?<![\\p{L}\\p{N}~])~(?=\\S)([^~\\n]+?)(?<=\\S)~(?![\\p{L}\\p{N}~])");
  private static final Pattern SHORTCODE = Pattern.compile(":([a-z0-9_+-]+):");
  private static final Map<String, String> EMOJI = Map.ofEntries(
      Map.entry("rotating_light", "\uD83D\uDEA8"),
      Map.entry("red_circle", "\uD83D\uDD34"),
      Map.entry("warning", "\u26A0\uFE0F"),
      Map.entry("information_source", "\u2139\uFE0F"),
      Map.entry("white_check_mark", "\u2705"),
      Map.entry("large_green_circle", "\uD83D\uDFE2"),
      Map.entry("large_yellow_circle", "\uD83D\uDFE1"),
      Map.entry("fire", "\uD83D\uDD25"),
      Map.entry("bell", "\uD83D\uDD14"),
      Map.entry("x", "\u274C"));

  private MrkdwnHtml() {}

  /** Mrkdwn to HTML; null becomes the empty string. */
  public static String toHtml(String mrkdwn) {
    if (mrkdwn == null || mrkdwn.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder(mrkdwn.length() + 32);
    String[] fenced = mrkdwn.split("```", -1);
    // An unmatched fence is literal text: fenced parts are the odd ones that have a closing fence.
    int lastFenced = fenced.length % 2 == 1 ? fenced.length - 1 : fenced.length - 2;
    for (int i = 0; i < fenced.length; i++) {
      if (i % 2 == 1 && i <= lastFenced) {
        out.append("<pre>").append(Encode.forHtml(unescapeSlack(fenced[i]))).append("</pre>");
      } else {
        if (i % 2 == 1) {
          out.append("```");
        }
        inlineCode(fenced[i], out);
      }
    }
    return out.toString();
  }

  /** Plain text (a {@code plain_text} object): escaped, emoji shortcodes shown, no formatting; null becomes empty. */
  public static String plainToHtml(String text) {
    return text == null ? "" : emoji(Encode.forHtml(text));
  }

  private static void inlineCode(String text, StringBuilder out) {
    String[] parts = text.split("`", -1);
    int lastCode = parts.length % 2 == 1 ? parts.length - 1 : parts.length - 2;
    for (int i = 0; i < parts.length; i++) {
      if (i % 2 == 1 && i <= lastCode) {
        out.append("<code>").append(Encode.forHtml(unescapeSlack(parts[i]))).append("</code>");
      } else {
        if (i % 2 == 1) {
          out.append('`');
        }
        controls(parts[i], out);
      }
    }
  }

  private static void controls(String text, StringBuilder out) {
    Matcher m = CONTROL.matcher(text);
    int at = 0;
    while (m.find()) {
      out.append(format(text.substring(at, m.start())));
      out.append(control(m.group(1)));
      at = m.end();
    }
    out.append(format(text.substring(at)));
  }

  private static String control(String body) {
    int bar = body.indexOf('|');
    String target = unescapeSlack(bar < 0 ? body : body.substring(0, bar)).strip();
    String label = bar < 0 ? null : body.substring(bar + 1);
    String lower = target.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("mailto:")) {
      String shown = label == null || label.isBlank() ? Encode.forHtml(target) : format(label);
      return "<a href=\"" + Encode.forHtml(target) + "\" rel=\"noopener noreferrer\" target=\"_blank\">" + shown
          + "</a>";
    }
    if (target.startsWith("!")) {
      String name = label == null ? target.substring(1) : unescapeSlack(label);
      return "<span class=\"mention\">@" + Encode.forHtml(name) + "</span>";
    }
    if (target.startsWith("@") || target.startsWith("#")) {
      String name = label == null ? target.substring(1) : unescapeSlack(label);
      return "<span class=\"mention\">" + target.charAt(0) + Encode.forHtml(name) + "</span>";
    }
    return Encode.forHtml("<" + unescapeSlack(body) + ">");
  }

  /** Escapes a run of text and applies bold, italic, strike and emoji. */
  private static String format(String text) {
    String html = Encode.forHtml(unescapeSlack(text));
    // The escaped text holds no '*', '_' or '~' of markup's making, so these cannot break tags.
    html = BOLD.matcher(html).replaceAll("<b>$1</b>");
    html = ITALIC.matcher(html).replaceAll("<i>$1</i>");
    html = STRIKE.matcher(html).replaceAll("<s>$1</s>");
    return emoji(html);
  }

  private static String emoji(String html) {
    Matcher m = SHORTCODE.matcher(html);
    StringBuilder out = new StringBuilder(html.length());
    while (m.find()) {
      String emoji = EMOJI.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(emoji == null ? m.group() : emoji));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String unescapeSlack(String text) {
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }
}
