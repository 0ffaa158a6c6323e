package io.klaxon.notifier.render;

import io.klaxon.events.Link;
import java.util.Locale;
import java.util.Map;

/**
 * Lays a {@link NotificationView} out as an email: subject, plain text and HTML. The HTML escapes
 * every text, isolates untrusted runs in {@code <bdi>}, and carries {@code lang} and {@code dir}
 * on its root so right-to-left languages display correctly. Stateless and thread-safe.
 */
public final class EmailRenderer {

  public EmailMessage render(NotificationView view, ResolvedLocale locale) {
    return new EmailMessage(view.subject(), text(view), html(view, locale), locale.formatting());
  }

  private static String text(NotificationView view) {
    StringBuilder out = new StringBuilder();
    out.append(view.headline()).append("\n\n");
    if (view.message() != null && !view.message().isBlank()) {
      out.append(view.message()).append("\n\n");
    }
    LabelFormat format = view.labelFormat();
    view.fields().forEach((label, value) -> out.append(format.pair(label, value)).append('\n'));
    if (!view.labels().isEmpty()) {
      out.append('\n').append(format.heading(view.labelsTitle())).append('\n');
      view.labels().forEach((name, value) -> out.append("  ").append(format.pair(name, value)).append('\n'));
    }
    if (!view.links().isEmpty()) {
      out.append('\n').append(format.heading(view.linksTitle())).append('\n');
      for (Link link : view.links()) {
        boolean hasText = link.getText() != null && !link.getText().isBlank();
        out.append("  ").append(hasText ? format.pair(link.getText(), link.getUrl()) : link.getUrl()).append('\n');
      }
    }
    if (!view.notes().isEmpty()) {
      out.append('\n');
      view.notes().forEach(note -> out.append(note).append('\n'));
    }
    out.append("\n-- \n").append(view.footer()).append('\n');
    return out.toString();
  }

  private static String html(NotificationView view, ResolvedLocale locale) {
    String dir = locale.rightToLeft() ? "rtl" : "ltr";
    String lang = HtmlEscaper.escape(locale.languageTag());
    String side = locale.rightToLeft() ? "right" : "left";
    SeverityStyle style = SeverityStyle.of(view.severity(), view.resolved());
    StringBuilder out = new StringBuilder(2048);
    out.append("<!DOCTYPE html>\n<html lang=\"").append(lang).append("\" dir=\"").append(dir).append("\">\n<head>")
        .append("<meta charset=\"utf-8\"><title>").append(esc(view.subject())).append("</title></head>\n")
        .append("<body dir=\"").append(dir).append("\" style=\"font-family:sans-serif;text-align:").append(side).append("\">\n")
        .append("<div style=\"border-").append(side).append(":4px solid ").append(style.color()).append(";padding:8px 12px\">\n")
        .append("<h1 style=\"font-size:18px\">").append(esc(view.headline())).append("</h1>\n");
    if (view.message() != null && !view.message().isBlank()) {
      out.append("<p style=\"white-space:pre-wrap\"><bdi>").append(esc(view.message())).append("</bdi></p>\n");
    }
    out.append("<table>\n");
    for (Map.Entry<String, String> field : view.fields().entrySet()) {
      out.append("<tr><th style=\"text-align:").append(side).append(";padding-inline-end:12px\">").append(esc(field.getKey()))
          .append("</th><td><bdi>").append(esc(field.getValue())).append("</bdi></td></tr>\n");
    }
    out.append("</table>\n");
    if (!view.labels().isEmpty()) {
      out.append("<h2 style=\"font-size:14px\">").append(esc(view.labelsTitle())).append("</h2>\n<ul>\n");
      view.labels().forEach((name, value) -> out.append("<li>").append(BidiIsolation.toBdiElements(
          esc(view.labelFormat().pair(BidiIsolation.isolate(name), BidiIsolation.isolate(value))))).append("</li>\n"));
      out.append("</ul>\n");
    }
    if (!view.links().isEmpty()) {
      out.append("<h2 style=\"font-size:14px\">").append(esc(view.linksTitle())).append("</h2>\n<ul>\n");
      for (Link link : view.links()) {
        String shown = link.getText() != null && !link.getText().isBlank() ? link.getText() : link.getUrl();
        if (isHttp(link.getUrl())) {
          out.append("<li><a href=\"").append(esc(link.getUrl().strip())).append("\"><bdi>").append(esc(shown)).append("</bdi></a></li>\n");
        } else {
          out.append("<li><bdi>").append(esc(shown)).append("</bdi></li>\n");
        }
      }
      out.append("</ul>\n");
    }
    for (String note : view.notes()) {
      out.append("<p>").append(esc(note)).append("</p>\n");
    }
    out.append("<p style=\"color:#666;font-size:12px\">").append(esc(view.footer())).append("</p>\n")
        .append("</div>\n</body>\n</html>\n");
    return out.toString();
  }

  private static boolean isHttp(String url) {
    String lower = url.strip().toLowerCase(Locale.ROOT);
    return lower.startsWith("https://") || lower.startsWith("http://");
  }

  private static String esc(String text) {
    return HtmlEscaper.escape(text);
  }
}
