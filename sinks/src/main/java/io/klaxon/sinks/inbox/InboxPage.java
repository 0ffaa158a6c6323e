package io.klaxon.sinks.inbox;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import org.owasp.encoder.Encode;

/**
 * The inbox as one self-contained HTML page: counts per channel, a filter form (tenant, channel,
 * optional auto-refresh), then every matching capture shown as its recipient would see it: Slack
 * messages rendered from their blocks ({@link BlockKitHtml}), emails as their HTML part in a
 * sandboxed iframe (scripts never run; the email's own {@code dir} is kept) with subject, from and
 * to, webhook payloads pretty-printed with their signature status and repeat count, and PagerDuty
 * events with their action, dedup key, severity, summary, source, the answer, what they did to their
 * incident and the incident's state now (the routing key only as its last four characters). Each
 * message body carries {@code dir="rtl"} when it reads right to left, {@code dir="auto"}
 * otherwise. No external script, style, font or image: nothing is fetched. Every captured string
 * is escaped. When the page is clickable, a Slack message's buttons are small forms posting the
 * message's inbox id and the button's number (never its value; no script), and the outcome of the
 * last click on a message is shown in its header. Stateless.
 */
public final class InboxPage {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private static final String STYLE = """
      body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic","Noto Sans Hebrew",sans-serif;margin:0;background:#f4f4f6;color:#1d1c1d}
      header{background:#3f0e40;color:#fff;padding:12px 20px}
      header h1{margin:0 0 8px;font-size:20px}
      .counts{list-style:none;margin:0 0 8px;padding:0;display:flex;gap:16px;flex-wrap:wrap}
      .counts li{background:rgba(255,255,255,.15);border-radius:4px;padding:2px 10px}
      form{display:flex;gap:12px;align-items:center;flex-wrap:wrap}
      form label{font-size:14px}
      .showing{font-size:13px;margin:8px 0 0;opacity:.85}
      main{padding:16px 20px;display:flex;flex-direction:column;gap:12px;max-width:1100px}
      article{background:#fff;border-radius:6px;box-shadow:0 1px 3px rgba(0,0,0,.15);padding:10px 14px}
      .meta{font-size:12px;color:#616061;display:flex;gap:10px;flex-wrap:wrap;align-items:center;margin-bottom:6px}
      .badge{border-radius:3px;padding:1px 6px;color:#fff;font-weight:600}
      .badge-slack{background:#611f69}.badge-email{background:#1264a3}.badge-webhook{background:#2f7d32}
      .sig-VALID{background:#2eb67d}.sig-INVALID,.sig-STALE{background:#e01e5a}.sig-MISSING,.sig-NO_SECRET{background:#9a6700}
      .status{background:#616061}.repeat{background:#d97706}
      .mrkdwn,.sk-text{white-space:pre-wrap}
      .sk-header{font-size:18px;font-weight:700;margin:4px 0}
      .sk-section{margin:4px 0}
      .sk-fields{display:grid;grid-template-columns:1fr 1fr;gap:6px 16px;margin:6px 0}
      .sk-field{white-space:pre-wrap}
      .sk-context{font-size:12px;color:#616061;display:flex;gap:8px;flex-wrap:wrap;margin:4px 0}
      .sk-divider{border:0;border-top:1px solid #ddd}
      .sk-attachment{border-inline-start:4px solid #ddd;padding-inline-start:10px;margin:6px 0}
      .sk-button{border:1px solid #bbb;border-radius:4px;padding:1px 8px;background:#fff;color:#1d1c1d;font:inherit}
      .sk-primary{background:#007a5a;border-color:#007a5a;color:#fff}.sk-danger{background:#e01e5a;border-color:#e01e5a;color:#fff}
      .sk-click{display:inline-block;margin:0 6px 0 0}.sk-click button{cursor:pointer}
      .click-outcome{background:#1264a3;color:#fff;border-radius:3px;padding:1px 6px}
      .sk-img{color:#616061;font-style:italic}
      .sk-unknown,.sk-element{color:#9a6700}
      .mention{background:#e8f5fa;color:#1264a3;border-radius:3px;padding:0 2px}
      code{background:#f6f6f6;border:1px solid #ddd;border-radius:3px;padding:0 3px;color:#c01343}
      pre{background:#f6f6f6;border:1px solid #ddd;border-radius:4px;padding:8px;overflow:auto;white-space:pre-wrap}
      .email-head div{margin:2px 0}.subject{font-weight:700;font-size:15px}
      iframe{width:100%;height:180px;border:1px solid #ddd;border-radius:4px;background:#fff;resize:vertical}
      .wh-title{font-weight:700;margin:4px 0}
      .badge-pagerduty{background:#06ac38}.pd-action{background:#3f0e40}
      .inc-triggered{background:#e01e5a}.inc-acknowledged{background:#d97706}.inc-resolved{background:#2eb67d}
      .sev-critical{background:#a4001d}.sev-error{background:#e01e5a}.sev-warning{background:#d97706}.sev-info{background:#1264a3}.sev-other{background:#616061}
      .pd-summary{font-weight:700;margin:4px 0}.pd-line{margin:2px 0}.pd-errors{color:#a4001d;margin:4px 0}
      pre.json{max-height:220px}
      .empty{color:#616061}
      """;

  private InboxPage() {}

  /**
   * The page.
   *
   * @param inbox the captures and counts
   * @param query the filter applied
   * @param refreshSeconds reload the page this often, 0 for never
   */
  public static String render(Inbox inbox, InboxQuery query, int refreshSeconds) {
    return render(inbox, query, refreshSeconds, false, Map.of());
  }

  /**
   * The page, possibly with clickable Slack buttons.
   *
   * @param clickable whether Slack buttons are forms posting to {@link BlockKitHtml#CLICK_PATH}
   * @param clickOutcomes by inbox id, what the last click on that message did
   */
  public static String render(Inbox inbox, InboxQuery query, int refreshSeconds, boolean clickable,
      Map<Long, String> clickOutcomes) {
    List<InboxEntry> entries = inbox.list(query);
    SortedSet<String> tenants = inbox.tenants();
    StringBuilder out = new StringBuilder(16_384);
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; form-action 'self'\">\n");
    if (refreshSeconds > 0) {
      out.append("<meta http-equiv=\"refresh\" content=\"").append(refreshSeconds).append("\">\n");
    }
    out.append("<title>Klaxon inbox</title>\n<style>").append(STYLE).append("</style>\n</head>\n<body>\n<header>\n")
        .append("<h1>Klaxon inbox</h1>\n<ul class=\"counts\" id=\"counts\">\n");
    for (InboxChannel channel : InboxChannel.values()) {
      out.append("<li data-channel=\"").append(channel.id()).append("\">").append(label(channel)).append(" <b>")
          .append(inbox.received(channel)).append("</b></li>\n");
    }
    out.append("<li data-channel=\"dropped\">dropped <b>").append(inbox.dropped()).append("</b></li>\n</ul>\n");
    filterForm(out, query, tenants, refreshSeconds);
    out.append("<p class=\"showing\" id=\"showing\">Showing ").append(entries.size()).append(" of ").append(inbox.size())
        .append(" kept (newest first; up to ").append(inbox.capacity()).append(")</p>\n</header>\n<main id=\"messages\">\n");
    if (entries.isEmpty()) {
      out.append("<p class=\"empty\">Nothing received yet.</p>\n");
    }
    for (InboxEntry entry : entries) {
      article(entry, out, clickable, clickOutcomes.get(entry.id()));
    }
    return out.append("</main>\n</body>\n</html>\n").toString();
  }

  private static void filterForm(StringBuilder out, InboxQuery query, SortedSet<String> tenants, int refresh) {
    out.append("<form method=\"get\" action=\"/\" id=\"filter\">\n<label>Tenant <select name=\"tenant\" id=\"tenant\">")
        .append("<option value=\"\">all</option>");
    String selectedTenant = query.tenant().orElse("");
    if (!selectedTenant.isEmpty() && !tenants.contains(selectedTenant)) {
      option(out, selectedTenant, selectedTenant, true);
    }
    for (String tenant : tenants) {
      option(out, tenant, tenant, tenant.equals(selectedTenant));
    }
    out.append("</select></label>\n<label>Channel <select name=\"channel\" id=\"channel\"><option value=\"\">all</option>");
    for (InboxChannel channel : InboxChannel.values()) {
      option(out, channel.id(), label(channel), query.channel().orElse(null) == channel);
    }
    out.append("</select></label>\n<label>Refresh <select name=\"refresh\" id=\"refresh\">");
    for (int seconds : new int[] {0, 2, 5, 10, 30}) {
      option(out, Integer.toString(seconds), seconds == 0 ? "off" : seconds + " s", seconds == refresh);
    }
    out.append("</select></label>\n<button type=\"submit\">Filter</button>\n</form>\n");
  }

  private static void option(StringBuilder out, String value, String shown, boolean selected) {
    out.append("<option value=\"").append(Encode.forHtml(value)).append('"').append(selected ? " selected" : "")
        .append('>').append(Encode.forHtml(shown)).append("</option>");
  }

  private static void article(InboxEntry entry, StringBuilder out, boolean clickable, String clickOutcome) {
    Capture capture = entry.capture();
    String channel = capture.channel().id();
    out.append("<article class=\"msg msg-").append(channel).append("\" id=\"m-").append(entry.id())
        .append("\" data-channel=\"").append(channel).append("\" data-tenant=\"").append(Encode.forHtml(capture.tenant()))
        .append("\">\n<div class=\"meta\"><span class=\"badge badge-").append(channel).append("\">")
        .append(label(capture.channel())).append("</span><span class=\"tenant\">tenant <b>")
        .append(Encode.forHtml(capture.tenant())).append("</b></span><span class=\"dest\" dir=\"auto\">")
        .append(Encode.forHtml(capture.destination())).append("</span><time datetime=\"")
        .append(capture.receivedAt()).append("\">").append(TIME.format(capture.receivedAt())).append(" UTC</time>");
    switch (capture) {
      case SlackCapture slack -> slack(slack, out, clickable ? entry.id() : -1, clickOutcome);
      case EmailCapture email -> email(email, out);
      case WebhookCapture webhook -> webhook(webhook, out);
      case PagerDutyCapture pagerDuty -> pagerDuty(pagerDuty, out);
    }
    out.append("</article>\n");
  }

  private static void slack(SlackCapture slack, StringBuilder out, long clickableId, String clickOutcome) {
    out.append("<span>").append(Encode.forHtml(slack.via())).append("</span>");
    out.append("<span class=\"ts\">ts ").append(Encode.forHtml(slack.ts())).append("</span>");
    if (slack.isReply()) {
      out.append("<span class=\"thread\">reply in thread ").append(Encode.forHtml(slack.threadTs())).append("</span>");
    }
    if (slack.edits() > 0) {
      out.append("<span class=\"edited\">(edited ").append(slack.edits()).append("×)</span>");
    }
    if (clickOutcome != null) {
      out.append("<span class=\"click-outcome\">").append(Encode.forHtml(clickOutcome)).append("</span>");
    }
    out.append("</div>\n<div class=\"body slack-body\" dir=\"").append(dir(slack.rightToLeft())).append("\">")
        .append(clickableId < 0 ? BlockKitHtml.message(slack) : BlockKitHtml.clickableMessage(slack, clickableId))
        .append("</div>\n");
  }

  private static void email(EmailCapture email, StringBuilder out) {
    String lang = email.language();
    out.append("</div>\n<div class=\"body email-body\" dir=\"").append(dir(email.rightToLeft())).append('"');
    if (!lang.isBlank()) {
      out.append(" lang=\"").append(Encode.forHtml(lang)).append('"');
    }
    out.append(">\n<div class=\"email-head\"><div class=\"subject\" dir=\"auto\">").append(Encode.forHtml(email.subject()))
        .append("</div><div dir=\"ltr\">From: <bdi>").append(Encode.forHtml(email.from()))
        .append("</bdi></div><div dir=\"ltr\">To: <bdi>")
        .append(Encode.forHtml(email.destination())).append("</bdi></div></div>\n");
    if (!email.html().isBlank()) {
      // An empty sandbox: the email's HTML is shown but cannot run scripts, submit forms or navigate.
      out.append("<iframe sandbox=\"\" referrerpolicy=\"no-referrer\" title=\"")
          .append(Encode.forHtml(email.subject())).append("\" srcdoc=\"").append(Encode.forHtml(email.html()))
          .append("\"></iframe>\n");
      if (!email.text().isBlank()) {
        out.append("<details><summary>Plain text part</summary><pre dir=\"auto\">")
            .append(Encode.forHtml(email.text())).append("</pre></details>\n");
      }
    } else {
      out.append("<pre dir=\"auto\">").append(Encode.forHtml(email.text())).append("</pre>\n");
    }
    out.append("</div>\n");
  }

  private static void webhook(WebhookCapture webhook, StringBuilder out) {
    out.append("<span class=\"badge sig-").append(webhook.signature().name()).append("\">signature ")
        .append(webhook.signature().name()).append("</span><span class=\"badge status\">answered ")
        .append(webhook.responseStatus()).append("</span>");
    if (webhook.repeat()) {
      out.append("<span class=\"badge repeat\">repeat: delivery ").append(webhook.delivery()).append(" of this id</span>");
    }
    if (!webhook.webhookId().isEmpty()) {
      out.append("<span class=\"wh-id\">id <code>").append(Encode.forHtml(webhook.webhookId())).append("</code></span>");
    }
    WebhookPayload payload = WebhookPayload.parse(webhook.body());
    out.append("</div>\n<div class=\"body webhook-body\" dir=\"").append(dir(webhook.rightToLeft())).append('"');
    if (!payload.locale().isBlank()) {
      out.append(" lang=\"").append(Encode.forHtml(payload.locale())).append('"');
    }
    out.append(">\n");
    if (!payload.renderedTitle().isBlank()) {
      out.append("<div class=\"wh-title\">").append(Encode.forHtml(payload.renderedTitle())).append("</div>\n");
    }
    out.append("<pre class=\"json\" dir=\"auto\">").append(Encode.forHtml(WebhookPayload.pretty(webhook.body())))
        .append("</pre>\n</div>\n");
  }

  private static void pagerDuty(PagerDutyCapture event, StringBuilder out) {
    out.append("<span class=\"badge pd-action\">").append(Encode.forHtml(event.action().isEmpty() ? "no action" : event.action()))
        .append("</span><span class=\"badge status\">answered ").append(event.responseStatus()).append("</span>");
    if (event.hasIncident()) {
      out.append("<span class=\"badge incident inc-").append(event.incidentState().id()).append("\">incident #")
          .append(event.incidentNumber()).append(' ').append(event.incidentState().id()).append("</span>");
    }
    if (!event.dedupKey().isEmpty()) {
      out.append("<span class=\"dedup\">dedup_key <code>").append(Encode.forHtml(event.dedupKey())).append("</code></span>");
    }
    out.append("</div>\n<div class=\"body pagerduty-body\" dir=\"").append(dir(event.rightToLeft())).append("\">\n");
    if (!event.summary().isEmpty() || !event.severity().isEmpty()) {
      out.append("<div class=\"pd-summary\">");
      if (!event.severity().isEmpty()) {
        out.append("<span class=\"badge sev-").append(severityClass(event.severity())).append("\">")
            .append(Encode.forHtml(event.severity())).append("</span> ");
      }
      out.append("<bdi>").append(Encode.forHtml(event.summary())).append("</bdi></div>\n");
    }
    if (!event.source().isEmpty()) {
      out.append("<div class=\"pd-line\" dir=\"ltr\">source <bdi>").append(Encode.forHtml(event.source()))
          .append("</bdi></div>\n");
    }
    if (!event.effect().isEmpty()) {
      out.append("<div class=\"pd-line pd-effect\" dir=\"ltr\">").append(Encode.forHtml(event.effect())).append("</div>\n");
    }
    if (!event.errors().isEmpty()) {
      out.append("<ul class=\"pd-errors\" dir=\"ltr\">");
      for (String error : event.errors()) {
        out.append("<li>").append(Encode.forHtml(error)).append("</li>");
      }
      out.append("</ul>\n");
    }
    if (!event.event().isEmpty()) {
      out.append("<details dir=\"ltr\"><summary>Event as received (routing key hidden)</summary><pre class=\"json\" dir=\"auto\">")
          .append(Encode.forHtml(WebhookPayload.pretty(event.event()))).append("</pre></details>\n");
    }
    out.append("</div>\n");
  }

  /** A CSS class for a severity: PagerDuty's four, anything else {@code other}. */
  private static String severityClass(String severity) {
    return switch (severity) {
      case "critical", "error", "warning", "info" -> severity;
      default -> "other";
    };
  }

  private static String dir(boolean rightToLeft) {
    return rightToLeft ? "rtl" : "auto";
  }

  private static String label(InboxChannel channel) {
    return switch (channel) {
      case SLACK -> "Slack";
      case EMAIL -> "Email";
      case WEBHOOK -> "Webhook";
      case PAGERDUTY -> "PagerDuty";
    };
  }
}
