package io.klaxon.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.klaxon.sinks.inbox.Inbox;
import io.klaxon.sinks.slack.SlackApiSettings;
import io.klaxon.sinks.webhook.WebhookReceiverSettings;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The inbox page as a browser shows it: the stand-ins receive notifications (English, Arabic,
 * Hebrew, one with a script in its text) through the real clients, then Debian's headless Chromium
 * renders the page, takes screenshots (target/inbox.png, and target/inbox-slack.png of the Slack
 * messages only) and dumps the DOM.
 */
class InboxBrowserIT {
  private static final byte[] KEY = "inbox-browser-it-webhook-key-001".getBytes(StandardCharsets.US_ASCII);
  private static final String ARABIC = "القرص ممتلئ تقريبًا على db-1";
  private static final String HEBREW = "הדיסק כמעט מלא ב-db-2";
  private static final Path TARGET = Path.of("target");

  private static StandIns standIns;
  private static HeadlessChromium chromium;

  @BeforeAll
  static void start() throws Exception {
    HeadlessChromium.requireInstalled();
    Path work = Files.createDirectories(TARGET.resolve("chromium"));
    chromium = new HeadlessChromium(work);
    standIns = StandIns.start(SlackApiSettings.defaults(),
        WebhookReceiverSettings.defaults().withSecret("/hooks/", "whsec_" + Base64.getEncoder().encodeToString(KEY)),
        0, 0, new Inbox());
    try (LocalTraffic traffic = new LocalTraffic(standIns, KEY)) {
      traffic.slackApi("acme", "alerts", "#D00000", ":rotating_light: *Disk almost full on db-1*",
          "Free space is _3%_ on `/var/lib/kafka`. See <https://runbooks.example/disk|the runbook>.",
          "*Severity*: CRITICAL   *Source*: disk-monitor");
      traffic.slackApi("acme", "alerts-ar", "#FF8C00", ":red_circle: *" + LocalTraffic.RLI + ARABIC + LocalTraffic.PDI + "*",
          LocalTraffic.RLI + "المصدر: مراقب القرص" + LocalTraffic.PDI);
      traffic.slackApi("initech", "ops", "#439FE0", ":information_source: *Queue lag* <script>alert('x')</script>");
      traffic.slackWebhook("globex/B01/hook", ":warning: *" + LocalTraffic.RLI + HEBREW + LocalTraffic.PDI + "*");
      traffic.email("oncall@acme.example", "ar", "[حرج] " + ARABIC, ARABIC,
          "<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\"></head>"
              + "<body dir=\"rtl\" style=\"font-family:sans-serif;text-align:right\">"
              + "<div style=\"border-right:4px solid #D00000;padding:8px 12px\"><h1 style=\"font-size:18px\">"
              + ARABIC + "</h1><p>المساحة الحرة 3%</p></div></body></html>");
      traffic.email("ops@globex.example", "en", "Queue lag on orders", "Queue lag",
          "<html><body><h1 style=\"font-size:18px\">Queue lag on orders</h1><p>Lag is 12,345 records.</p></body></html>");
      String body = "{\"version\":\"1\",\"type\":\"alert\",\"notificationId\":\"n-he-1\",\"tenant\":{\"id\":\"globex\"},"
          + "\"rendered\":{\"locale\":\"he\",\"direction\":\"rtl\",\"title\":\"" + HEBREW + "\",\"text\":\"\"}}";
      traffic.webhook("globex", "n-he-1", body);
      traffic.webhook("globex", "n-he-1", body);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> standIns.inbox().size() == 8);
  }

  @AfterAll
  static void stop() {
    if (standIns != null) {
      standIns.close();
    }
  }

  @Test
  void screenshotsAreFullSizePngs() throws Exception {
    assertScreenshot(standIns.inboxServer().url(), TARGET.resolve("inbox.png"));
    assertScreenshot(standIns.inboxServer().url() + "?channel=slack", TARGET.resolve("inbox-slack.png"));
  }

  private static void assertScreenshot(String url, Path png) throws Exception {
    Files.deleteIfExists(png);
    chromium.screenshot(url, png);

    assertThat(png).exists();
    assertThat(Files.size(png)).isGreaterThan(20_000);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).as("a PNG ImageIO can read").isNotNull();
    assertThat(image.getWidth()).isEqualTo(1280);
    assertThat(image.getHeight()).isEqualTo(1600);
  }

  @Test
  void renderedDomShowsEveryChannelRightToLeftWhereNeededAndScriptsAsText() throws Exception {
    String dom = chromium.dumpDom(standIns.inboxServer().url());

    assertThat(dom).contains("<b>Disk almost full on db-1</b>")
        .contains("<a href=\"https://runbooks.example/disk\"")
        .contains("<code>/var/lib/kafka</code>")
        .contains("<b>Queue lag</b> &lt;script&gt;alert('x')&lt;/script&gt;")
        .doesNotContain("<script>")
        .contains("signature VALID")
        .contains("repeat: delivery 2 of this id")
        .contains("<li data-channel=\"email\">Email <b>2</b></li>");
    assertThat(dom).containsPattern("<div class=\"body slack-body\" dir=\"rtl\">.*" + ARABIC);
    assertThat(dom).containsPattern("<div class=\"body slack-body\" dir=\"rtl\">.*" + HEBREW);
    assertThat(dom).containsPattern("<div class=\"body email-body\" dir=\"rtl\" lang=\"ar\">");
    assertThat(dom).containsPattern("<div class=\"body webhook-body\" dir=\"rtl\" lang=\"he\">\\s*<div class=\"wh-title\">" + HEBREW);
    assertThat(dom).contains("<div class=\"body slack-body\" dir=\"auto\">");
  }

  @Test
  void filterFormNarrowsTheMessages() throws Exception {
    String dom = chromium.dumpDom(standIns.inboxServer().url() + "?tenant=acme&channel=slack");

    assertThat(dom).contains("Disk almost full on db-1").contains(ARABIC)
        .doesNotContain("Queue lag").doesNotContain(HEBREW).doesNotContain("<iframe")
        .contains("<option value=\"acme\" selected=\"\">acme</option>")
        .contains("<option value=\"slack\" selected=\"\">Slack</option>")
        .contains("Showing 2 of 8");
  }
}
