package io.klaxon.sinks.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InboxPageTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static SlackCapture slack(String tenant, String mrkdwn) throws Exception {
    return new SlackCapture(Instant.EPOCH, tenant, SlackCapture.VIA_API, "C0000000001", "alerts", "1.000001", "",
        MAPPER.readTree(MAPPER.writeValueAsString(List.of(Map.of("type", "section",
            "text", Map.of("type", "mrkdwn", "text", mrkdwn))))), null, null, 0);
  }

  @Test
  void showsUntrustedTextAsText() throws Exception {
    Inbox inbox = new Inbox();
    inbox.add(slack("acme\"><script>alert(1)</script>", "<script>alert('slack')</script> &lt;b&gt;"));
    inbox.add(new EmailCapture(Instant.EPOCH, "acme", "\"Evil <script>\" <a@b.example>", List.of("ops@acme.example"),
        "<script>alert('subject')</script>", "text <script>", "<p onclick=\"x()\">hi</p><script>alert('html')</script>",
        Map.of()));
    inbox.add(new WebhookCapture(Instant.EPOCH, "acme", "/hooks/<script>", "<id>", SignatureStatus.INVALID, 1,
        "{\"title\":\"</pre><script>alert('hook')</script>\"}", 401));
    String html = InboxPage.render(inbox, InboxQuery.ALL, 0);
    assertThat(html).doesNotContain("<script>")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("&lt;script&gt;alert(&#39;subject&#39;)&lt;/script&gt;")
        .contains("srcdoc=\"&lt;p onclick=&#34;x()&#34;&gt;hi&lt;/p&gt;&lt;script&gt;")
        .contains("sandbox=\"\"")
        .contains("&lt;/pre&gt;&lt;script&gt;alert(&#39;hook&#39;)");
  }

  @Test
  void marksRightToLeftBodiesRtlAndOthersAuto() throws Exception {
    Inbox inbox = new Inbox();
    inbox.add(slack("acme", ":warning: *\u2067تنبيه\u2069*"));
    inbox.add(new EmailCapture(Instant.EPOCH, "globex", "a@b", List.of("c@d"), "התראה", "", "<html dir=\"rtl\"></html>",
        Map.of("Content-Language", "he")));
    inbox.add(slack("initech", "plain English"));
    String html = InboxPage.render(inbox, InboxQuery.ALL, 0);
    assertThat(html).contains("<div class=\"body slack-body\" dir=\"rtl\">")
        .contains("<div class=\"body email-body\" dir=\"rtl\" lang=\"he\">")
        .contains("<div class=\"body slack-body\" dir=\"auto\">")
        .contains("srcdoc=\"&lt;html dir=&#34;rtl&#34;&gt;");
  }

  @Test
  void showsOnlyWhatTheFilterSelectsButCountsEverything() throws Exception {
    Inbox inbox = new Inbox();
    inbox.add(slack("acme", "for acme"));
    inbox.add(slack("globex", "for globex"));
    inbox.add(new WebhookCapture(Instant.EPOCH, "acme", "/hooks/acme", "n1", SignatureStatus.VALID, 2, "{}", 204));
    String html = InboxPage.render(inbox, InboxQuery.of("acme", "slack"), 5);
    assertThat(html).contains("for acme").doesNotContain("for globex").doesNotContain("repeat: delivery")
        .contains("<li data-channel=\"slack\">Slack <b>2</b></li>")
        .contains("<li data-channel=\"webhook\">Webhook <b>1</b></li>")
        .contains("<option value=\"acme\" selected>acme</option>")
        .contains("<option value=\"slack\" selected>Slack</option>")
        .contains("<meta http-equiv=\"refresh\" content=\"5\">");
    assertThat(InboxPage.render(inbox, InboxQuery.of("acme", "webhook"), 0))
        .contains("repeat: delivery 2 of this id").contains("signature VALID").doesNotContain("http-equiv=\"refresh\"");
  }

  private static PagerDutyCapture pagerDuty(String tenant, String action, String summary, String severity,
      IncidentState state) {
    return new PagerDutyCapture(Instant.EPOCH, tenant, PagerDutyCapture.routingKeyHint("R0UT1NGKEY0123456789abcdefABCDEF"),
        action, "disk-full-db-1", summary, severity, "db-1", 202, List.of(), "opened incident #7", 7, state,
        "{\"routing_key\":\"…CDEF\",\"event_action\":\"" + action + "\"}");
  }

  @Test
  void showsPagerDutyEventsWithTheirIncidentsStateAndOnlyTheKeysLastCharacters() throws Exception {
    Inbox inbox = new Inbox();
    inbox.add(pagerDuty("umbrella", "trigger", "Disk full (db-1)", "critical", IncidentState.ACKNOWLEDGED));
    inbox.add(slack("umbrella", "a Slack message"));

    String html = InboxPage.render(inbox, InboxQuery.of("umbrella", "pagerduty"), 0);

    assertThat(html).contains("<span class=\"badge badge-pagerduty\">PagerDuty</span>")
        .contains("<span class=\"badge pd-action\">trigger</span>")
        .contains("<span class=\"badge incident inc-acknowledged\">incident #7 acknowledged</span>")
        .contains("dedup_key <code>disk-full-db-1</code>")
        .contains("<span class=\"badge sev-critical\">critical</span> <bdi>Disk full (db-1)</bdi>")
        .contains("source <bdi>db-1</bdi>")
        .contains("opened incident #7")
        .contains("routing key …CDEF")
        .contains("<li data-channel=\"pagerduty\">PagerDuty <b>1</b></li>")
        .contains("<option value=\"pagerduty\" selected>PagerDuty</option>")
        .doesNotContain("R0UT1NGKEY").doesNotContain("a Slack message");
  }

  @Test
  void escapesEverythingAPagerDutyEventCarries() {
    Inbox inbox = new Inbox();
    String hostile = "x\" onmouseover=\"alert(1)'><script>alert('pd')</script>";
    inbox.add(new PagerDutyCapture(Instant.EPOCH, "<b>tenant</b>", "…<i>", hostile, hostile, hostile, hostile, hostile,
        400, List.of("<script>alert('error')</script>"), "<script>effect</script>", 0, null,
        "{\"summary\":\"</pre><script>alert('event')</script>\"}"));

    String html = InboxPage.render(inbox, InboxQuery.ALL, 0);

    assertThat(html).doesNotContain("<script>").doesNotContain("<b>tenant</b>").doesNotContain("<i>")
        .doesNotContain("\" onmouseover=")
        .contains("&lt;script&gt;alert(&#39;pd&#39;)&lt;/script&gt;")
        .contains("<li>&lt;script&gt;alert(&#39;error&#39;)&lt;/script&gt;</li>")
        .contains("&lt;/pre&gt;&lt;script&gt;alert(&#39;event&#39;)");
    assertThat(html).as("an unknown severity never reaches the class attribute")
        .contains("<span class=\"badge sev-other\">");
  }

  @Test
  void marksARightToLeftPagerDutySummaryRtl() {
    Inbox inbox = new Inbox();
    inbox.add(pagerDuty("umbrella", "trigger", "القرص ممتلئ", "error", IncidentState.TRIGGERED));
    assertThat(InboxPage.render(inbox, InboxQuery.ALL, 0)).contains("<div class=\"body pagerduty-body\" dir=\"rtl\">")
        .contains("incident #7 triggered");
  }
}
