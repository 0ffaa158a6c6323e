package io.klaxon.notifier.render;

import io.klaxon.events.Link;
import java.util.Locale;
import java.util.Map;
import org.owasp.encoder.Encode;

/**
 * Lays a {@link NotificationView} out as an email: subject, plain text and HTML, with the view's
 * {@link AlertList}s (a group's alerts, a digest's counts) each under its heading after the
 * headline (one line, or list item, per item, then "and N more"). The view must
 * come with every untrusted run marked FSI…PDI ({@link BidiIsolation#isolate}), since those runs
 * sit inside translated sentences: "פעילה: Disk full (db-1)" must not read "(Disk full (db-1
 * :פעילה". The marks stay as Unicode isolates in the subject, the {@code <title>} and the plain
 * text of a right-to-left email and are dropped from a left-to-right one; the HTML body writes
 * them, and every other untrusted value, as {@code <bdi>}. The HTML escapes every text and
 * carries {@code lang} and {@code dir} on its root. Stateless and thread-safe.
 */
public final class EmailRenderer {

  public EmailMessage render(NotificationView view, ResolvedLocale locale) {
    String subject = plain(view.subject(), locale);
    return new EmailMessage(subject, plain(text(view), locale), html(view, subject, locale), locale.formatting());
  }

  /** Right-to-left plain text keeps its isolates; left-to-right text reads the same without them. */
  private static String plain(String marked, ResolvedLocale locale) {
    return locale.rightToLeft() ? marked : BidiIsolation.neutralise(marked);
  }

  private static String text(NotificationView view) {
    LabelFormat format = view.labelFormat();
    StringBuilder out = new StringBuilder();
    out.append(view.headline()).append("\n\n");
    if (view.message() != null && !view.message().isBlank()) {
      // A line break ends every isolate, so each line of the message is isolated on its own.
      view.message().lines().forEach(line -> out.append(line.isBlank() ? line : BidiIsolation.isolate(line)).append('\n'));
      out.append('\n');
    }
    for (AlertList list : view.lists()) {
      if (!list.isEmpty()) {
        out.append(format.heading(list.title())).append('\n');
        list.texts().forEach(line -> out.append("  ").append(line).append('\n'));
        out.append('\n');
      }
    }
    view.fields().forEach((label, value) -> out.append(format.pair(label, value)).append('\n'));
    if (!view.labels().isEmpty()) {
      out.append('\n').append(format.heading(view.labelsTitle())).append('\n');
      view.labels().forEach((name, value) -> out.append("  ").append(format.pair(name, value)).append('\n'));
    }
    if (!view.links().isEmpty()) {
      out.append('\n').append(format.heading(view.linksTitle())).append('\n');
      for (Link link : view.links()) {
        String url = BidiIsolation.isolate(link.getUrl());
        boolean hasText = link.getText() != null && !link.getText().isBlank();
        out.append("  ").append(hasText ? format.pair(BidiIsolation.isolate(link.getText()), url) : url).append('\n');
      }
    }
    if (!view.notes().isEmpty()) {
      out.append('\n');
      view.notes().forEach(note -> out.append(note).append('\n'));
    }
    out.append("\n-- \n").append(view.footer()).append('\n');
    return out.toString();
  }

  private static String html(NotificationView view, String subject, ResolvedLocale locale) {
    String dir = locale.rightToLeft() ? "rtl" : "ltr";
    String lang = esc(locale.languageTag());
    String side = locale.rightToLeft() ? "right" : "left";
    SeverityStyle style = SeverityStyle.of(view.severity(), view.resolved());
    StringBuilder out = new StringBuilder(2048);
    // <title> holds text only, no elements: it keeps the subject's Unicode isolates.
    out.append("<!DOCTYPE html>\n<html lang=\"").append(lang).append("\" dir=\"").append(dir).append("\">\n<head>")
        .append("<meta charset=\"utf-8\"><title>").append(esc(subject)).append("</title></head>\n")
        .append("<body dir=\"").append(dir).append("\" style=\"font-family:sans-serif;text-align:").append(side).append("\">\n")
        .append("<div style=\"border-").append(side).append(":4px solid ").append(style.color()).append(";padding:8px 12px\">\n")
        .append("<h1 style=\"font-size:18px\">").append(html(view.headline())).append("</h1>\n");
    if (view.message() != null && !view.message().isBlank()) {
      out.append("<p style=\"white-space:pre-wrap\">").append(isolatedHtml(view.message())).append("</p>\n");
    }
    for (AlertList list : view.lists()) {
      if (!list.isEmpty()) {
        list(list, side, out);
      }
    }
    out.append("<table>\n");
    for (Map.Entry<String, String> field : view.fields().entrySet()) {
      out.append("<tr><th style=\"text-align:").append(side).append(";padding-inline-end:12px\">").append(html(field.getKey()))
          .append("</th><td>").append(isolatedHtml(field.getValue())).append("</td></tr>\n");
    }
    out.append("</table>\n");
    if (!view.labels().isEmpty()) {
      out.append("<h2 style=\"font-size:14px\">").append(html(view.labelsTitle())).append("</h2>\n<ul>\n");
      view.labels().forEach((name, value) ->
          out.append("<li>").append(html(view.labelFormat().pair(name, value))).append("</li>\n"));
      out.append("</ul>\n");
    }
    if (!view.links().isEmpty()) {
      out.append("<h2 style=\"font-size:14px\">").append(html(view.linksTitle())).append("</h2>\n<ul>\n");
      for (Link link : view.links()) {
        String shown = link.getText() != null && !link.getText().isBlank() ? link.getText() : link.getUrl();
        if (isHttp(link.getUrl())) {
          out.append("<li><a href=\"").append(esc(BidiIsolation.percentEncodeControls(link.getUrl().strip()))).append("\">").append(isolatedHtml(shown)).append("</a></li>\n");
        } else {
          out.append("<li>").append(isolatedHtml(shown)).append("</li>\n");
        }
      }
      out.append("</ul>\n");
    }
    for (String note : view.notes()) {
      out.append("<p>").append(html(note)).append("</p>\n");
    }
    out.append("<p style=\"color:#666;font-size:12px\">").append(html(view.footer())).append("</p>\n")
        .append("</div>\n</body>\n</html>\n");
    return out.toString();
  }

  /** A list under its heading; a marked item has a border of its severity's colour on the reading side. */
  private static void list(AlertList alerts, String side, StringBuilder out) {
    out.append("<h2 style=\"font-size:14px\">").append(html(alerts.title())).append("</h2>\n<ul>\n");
    for (AlertList.Line line : alerts.lines()) {
      out.append("<li");
      if (line.marked()) {
        out.append(" style=\"border-").append(side).append(":3px solid ")
            .append(SeverityStyle.of(line.severity(), line.resolved()).color()).append(";padding-inline-start:6px\"");
      }
      out.append('>').append(html(line.text())).append("</li>\n");
    }
    if (alerts.more() != null) {
      out.append("<li>").append(html(alerts.more())).append("</li>\n");
    }
    out.append("</ul>\n");
  }

  private static boolean isHttp(String url) {
    String lower = url.strip().toLowerCase(Locale.ROOT);
    return lower.startsWith("https://") || lower.startsWith("http://");
  }

  /** Escaped text whose marked runs become {@code <bdi>} elements. */
  private static String html(String marked) {
    return BidiIsolation.toBdiElements(esc(marked));
  }

  /** A whole value as one {@code <bdi>} element, whether or not it came marked. */
  private static String isolatedHtml(String value) {
    return html(BidiIsolation.isolate(value));
  }

  /** Text made safe for element content and for single- or double-quoted attribute values. */
  private static String esc(String text) {
    return Encode.forHtml(text);
  }
}
