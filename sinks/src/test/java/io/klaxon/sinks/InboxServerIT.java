package io.klaxon.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klaxon.sinks.inbox.Inbox;
import io.klaxon.sinks.slack.SlackApiSettings;
import io.klaxon.sinks.webhook.WebhookReceiverSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The inbox page and JSON API over HTTP, fed by all three stand-ins through real clients. */
class InboxServerIT {
  private static final byte[] KEY = "inbox-server-it-webhook-key-0001".getBytes(StandardCharsets.US_ASCII);

  private final HttpClient http = HttpClient.newHttpClient();
  private StandIns standIns;
  private LocalTraffic traffic;

  @BeforeEach
  void start() throws Exception {
    standIns = StandIns.start(SlackApiSettings.defaults(),
        WebhookReceiverSettings.defaults().withSecret("/hooks/", "whsec_" + Base64.getEncoder().encodeToString(KEY)),
        0, 0, new Inbox());
    traffic = new LocalTraffic(standIns, KEY);
  }

  @AfterEach
  void stop() throws Exception {
    traffic.close();
    standIns.close();
    http.close();
  }

  private HttpResponse<String> get(String pathAndQuery) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(standIns.inboxServer().url() + pathAndQuery)).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  @Test
  void servesEveryChannelFilteredAndEscaped() throws Exception {
    traffic.slackApi("acme", "alerts", "#D00000", ":rotating_light: *Disk full* on `db-1` <script>alert(1)</script>");
    traffic.slackApi("globex", "ops", "#ECB22E", ":warning: *" + LocalTraffic.RLI + "القرص ممتلئ" + LocalTraffic.PDI + "*");
    traffic.email("oncall@acme.example", "en", "Disk full on db-1", "Disk full", "<p>Disk <b>full</b></p>");
    assertThat(traffic.webhook("acme", "n-1", "{\"tenant\":{\"id\":\"acme\"},\"alert\":{\"title\":\"Disk full\"}}"))
        .isEqualTo(204);
    await().atMost(Duration.ofSeconds(10)).until(() -> standIns.inbox().size() == 4);

    HttpResponse<String> page = get("");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.body())
        .contains("<b>Disk full</b> on <code>db-1</code> &lt;script&gt;alert(1)&lt;/script&gt;")
        .doesNotContain("<script>")
        .contains("border-inline-start-color:#D00000")
        .contains("<div class=\"body slack-body\" dir=\"rtl\">")
        .contains("srcdoc=\"&lt;p&gt;Disk &lt;b&gt;full&lt;/b&gt;&lt;/p&gt;\"")
        .contains("signature VALID")
        .contains("<li data-channel=\"slack\">Slack <b>2</b></li>");

    String filtered = get("?tenant=acme&channel=slack").body();
    assertThat(filtered).contains("Disk full").doesNotContain("القرص").doesNotContain("srcdoc=");

    JsonNode api = new ObjectMapper().readTree(get("api/messages?tenant=acme").body());
    assertThat(api.path("count").asInt()).isEqualTo(3);
    assertThat(api.path("received").path("slack").asInt()).isEqualTo(2);
    assertThat(api.path("messages")).extracting(m -> m.path("channel").asText())
        .containsExactly("webhook", "email", "slack");
    assertThat(api.path("messages").get(0).path("payload").path("alert").path("title").asText()).isEqualTo("Disk full");
    assertThat(api.path("messages").get(0).path("signature").asText()).isEqualTo("VALID");
    // An email names no tenant header here, so it belongs to the tenant its recipient's domain names.
    assertThat(api.path("messages").get(1).path("subject").asText()).isEqualTo("Disk full on db-1");
    JsonNode byDomain = new ObjectMapper().readTree(get("api/messages?tenant=acme.example").body());
    assertThat(byDomain.path("messages")).isEmpty();
    JsonNode globex = new ObjectMapper().readTree(get("api/messages?channel=slack&tenant=globex").body());
    assertThat(globex.path("messages")).singleElement()
        .satisfies(m -> assertThat(m.path("rightToLeft").asBoolean()).isTrue());
  }

  @Test
  void answersOnlyGetOnKnownPaths() throws Exception {
    assertThat(get("nothing-here").statusCode()).isEqualTo(404);
    HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(standIns.inboxServer().url()))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(get("").body()).contains("Nothing received yet.");
    assertThat(get("?refresh=2").body()).contains("<meta http-equiv=\"refresh\" content=\"2\">");
  }
}
