package io.klaxon.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.klaxon.ops.OpsServer;
import io.klaxon.sinks.http.LoopbackHttpServer;
import io.klaxon.sinks.inbox.Inbox;
import io.klaxon.sinks.inbox.SlackCapture;
import io.klaxon.sinks.slack.SlackApiSettings;
import io.klaxon.sinks.webhook.WebhookReceiverSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clicking a Slack message's buttons on the inbox page in headless Chromium (real mouse events over
 * the DevTools protocol): the Slack stand-in sends Slack's signed {@code block_actions} request to
 * a local receiver, which checks the signature with its own HMAC and then, as an app does, replaces
 * the message through the {@code response_url}; the page then shows the replacement. Screenshot:
 * target/inbox-acknowledged.png.
 */
class InboxButtonsBrowserIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  private static final String ACK_VALUE = "{\"tenant\":\"acme\",\"target\":\"oncall-slack\",\"fingerprint\":\"fp-7f3a\"}";
  private static final String SILENCE_VALUE =
      "{\"tenant\":\"acme\",\"target\":\"oncall-slack\",\"fingerprint\":\"fp-7f3a\",\"labels\":{\"host\":\"db-1\"}}";
  private static final Path TARGET = Path.of("target");

  private static LoopbackHttpServer receiver;
  private static final LinkedBlockingQueue<Received> RECEIVED = new LinkedBlockingQueue<>();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private StandIns standIns;
  private DevToolsBrowser browser;

  /** One interaction request as the receiver saw it. */
  private record Received(String contentType, String timestamp, String signature, String body) {}

  @BeforeAll
  static void startReceiver() throws IOException {
    receiver = LoopbackHttpServer.start(0, Map.of("/slack/interactions", InboxButtonsBrowserIT::receive));
  }

  @AfterAll
  static void stopReceiver() {
    receiver.close();
  }

  @BeforeEach
  void start() throws Exception {
    RECEIVED.clear();
    standIns = StandIns.start(SlackApiSettings.defaults().withoutRateLimit()
            .withInteractions(receiver.url() + "/slack/interactions", "workspace-secret-not-acme"),
        WebhookReceiverSettings.defaults(), 0, 0, new Inbox());
    standIns.slack().addSigningSecret("acme", SECRET);
    browser = DevToolsBrowser.start(Files.createDirectories(TARGET.resolve("chromium")));
  }

  @AfterEach
  void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (standIns != null) {
      standIns.close();
    }
  }

  /**
   * The receiver: verifies nothing itself (the test does), answers 200 at once and then, like the
   * ingest service, replaces the message through response_url with its buttons turned into a note.
   */
  private static void receive(HttpExchange exchange) throws IOException {
    String body = new String(LoopbackHttpServer.body(exchange), StandardCharsets.UTF_8);
    RECEIVED.add(new Received(exchange.getRequestHeaders().getFirst("Content-Type"),
        exchange.getRequestHeaders().getFirst("X-Slack-Request-Timestamp"),
        exchange.getRequestHeaders().getFirst("X-Slack-Signature"), body));
    OpsServer.respond(exchange, 200, "text/plain", "");
    JsonNode payload = payload(body);
    String note = ("klaxon_ack".equals(payload.path("actions").path(0).path("action_id").asText())
        ? "Acknowledged by @" : "Silenced for 1h by @") + payload.path("user").path("username").asText();
    Thread.startVirtualThread(() -> replace(payload.path("response_url").asText(), payload.path("message"), note));
  }

  private static void replace(String responseUrl, JsonNode message, String note) {
    ObjectNode replacement = JSON.createObjectNode().put("replace_original", true).put("text", message.path("text").asText());
    if (message.path("blocks").isArray()) {
      replacement.set("blocks", withNote(message.path("blocks"), note));
    }
    if (message.path("attachments").isArray()) {
      ArrayNode attachments = replacement.putArray("attachments");
      for (JsonNode attachment : message.path("attachments")) {
        ObjectNode copy = attachment.deepCopy();
        copy.set("blocks", withNote(attachment.path("blocks"), note));
        attachments.add(copy);
      }
    }
    try {
      HTTP.send(HttpRequest.newBuilder(URI.create(responseUrl)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(replacement.toString())).build(), HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ArrayNode withNote(JsonNode blocks, String note) {
    ArrayNode out = JSON.createArrayNode();
    for (JsonNode block : blocks) {
      if ("actions".equals(block.path("type").asText())) {
        ObjectNode context = out.addObject().put("type", "context");
        context.putArray("elements").addObject().put("type", "mrkdwn").put("text", note);
      } else {
        out.add(block);
      }
    }
    return out;
  }

  private static JsonNode payload(String body) {
    assertThat(body).startsWith("payload=").doesNotContain("&");
    try {
      return JSON.readTree(URLDecoder.decode(body.substring("payload=".length()), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Slack's signature computed here, independently of the stand-in's code. */
  private static String expectedSignature(String timestamp, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
  }

  /** Posts as the notifier does: the alert in an attachment whose last block holds the buttons. */
  private void postAlertWithButtonsInAttachment() throws Exception {
    ObjectNode request = JSON.createObjectNode().put("channel", "#acme-oncall")
        .put("text", "Disk almost full on db-1 <script>alert('x')</script>");
    ObjectNode attachment = request.putArray("attachments").addObject().put("color", "#D00000")
        .put("fallback", "Disk almost full on db-1");
    ArrayNode blocks = attachment.putArray("blocks");
    blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn")
        .put("text", "*Disk almost full on db-1* <script>alert('x')</script>");
    ObjectNode actions = blocks.addObject().put("type", "actions").put("block_id", "klaxon_actions");
    ArrayNode elements = actions.putArray("elements");
    button(elements, "klaxon_ack", "Ack", ACK_VALUE).put("style", "primary");
    button(elements, "klaxon_silence_1h", "Silence 1h", SILENCE_VALUE);
    request.putObject("metadata").put("event_type", "klaxon_notification").putObject("event_payload")
        .put("tenant_id", "acme").put("notification_id", "n-1");
    post(request);
  }

  /** A message with its buttons in a top-level actions block. */
  private void postAlertWithTopLevelButtons() throws Exception {
    ObjectNode request = JSON.createObjectNode().put("channel", "#acme-oncall").put("text", "Queue lag on orders");
    ArrayNode blocks = request.putArray("blocks");
    blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", "*Queue lag on orders*");
    ArrayNode elements = blocks.addObject().put("type", "actions").put("block_id", "top_actions").putArray("elements");
    button(elements, "klaxon_ack", "Ack", ACK_VALUE);
    button(elements, "klaxon_silence_1h", "Silence 1h", SILENCE_VALUE);
    request.putObject("metadata").put("event_type", "klaxon_notification").putObject("event_payload")
        .put("tenant_id", "acme");
    post(request);
  }

  private static ObjectNode button(ArrayNode elements, String actionId, String text, String value) {
    ObjectNode button = elements.addObject().put("type", "button").put("action_id", actionId).put("value", value);
    button.putObject("text").put("type", "plain_text").put("text", text);
    return button;
  }

  private void post(ObjectNode request) throws Exception {
    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(standIns.slack().methodsUrlPrefix()
            + "chat.postMessage")).header("Authorization", "Bearer " + standIns.slack().token())
        .header("Content-Type", "application/json; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(request.toString())).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(JSON.readTree(answer.body()).path("ok").asBoolean()).as(answer.body()).isTrue();
  }

  @Test
  void clickingAckSendsASignedInteractionAndTheResponseUrlReplacesTheMessage() throws Exception {
    postAlertWithButtonsInAttachment();
    SlackCapture posted = standIns.slack().messages().getFirst();
    browser.open(standIns.inboxServer().url() + "?tenant=acme");

    String before = browser.dom();
    assertThat(before).contains("data-action-id=\"klaxon_ack\">Ack</button>")
        .contains("data-action-id=\"klaxon_silence_1h\">Silence 1h</button>")
        .contains("&lt;script&gt;alert('x')&lt;/script&gt;")
        .doesNotContain("<script>").doesNotContain("fp-7f3a");

    browser.clickAndWaitForLoad("button[data-action-id=klaxon_ack]");

    Received request = RECEIVED.poll(10, TimeUnit.SECONDS);
    assertThat(request).as("the interaction reached the receiver").isNotNull();
    assertThat(RECEIVED).isEmpty();
    assertThat(request.contentType()).isEqualTo("application/x-www-form-urlencoded");
    assertThat(Long.parseLong(request.timestamp())).isBetween(Instant.now().getEpochSecond() - 300,
        Instant.now().getEpochSecond() + 1);
    assertThat(request.signature()).isEqualTo(expectedSignature(request.timestamp(), request.body()));

    JsonNode payload = payload(request.body());
    assertThat(payload.path("type").asText()).isEqualTo("block_actions");
    assertThat(payload.path("user").path("username").asText()).isEqualTo("klaxon");
    assertThat(payload.path("team").path("id").asText()).isNotBlank();
    assertThat(payload.path("channel").path("id").asText()).isEqualTo(posted.channelId());
    assertThat(payload.path("channel").path("name").asText()).isEqualTo("acme-oncall");
    assertThat(payload.path("container").path("message_ts").asText()).isEqualTo(posted.ts());
    assertThat(payload.path("message").path("ts").asText()).isEqualTo(posted.ts());
    assertThat(payload.path("message").path("attachments").path(0).path("blocks").path(1).path("type").asText())
        .isEqualTo("actions");
    JsonNode action = payload.path("actions").path(0);
    assertThat(action.path("action_id").asText()).isEqualTo("klaxon_ack");
    assertThat(action.path("block_id").asText()).isEqualTo("klaxon_actions");
    assertThat(action.path("value").asText()).isEqualTo(ACK_VALUE);
    assertThat(action.path("type").asText()).isEqualTo("button");
    assertThat(payload.path("response_url").asText()).startsWith(standIns.slack().url() + "/actions/");

    assertThat(browser.dom()).contains("klaxon_ack sent: answered 200");

    await().atMost(Duration.ofSeconds(10)).until(() -> standIns.slack().messages().getFirst().edits() == 1);
    browser.open(standIns.inboxServer().url() + "?tenant=acme");
    String after = browser.dom();
    assertThat(after).contains("Acknowledged by @klaxon").contains("(edited 1×)")
        .contains("Disk almost full on db-1").doesNotContain("data-action-id=\"klaxon_ack\"");
    Path png = TARGET.resolve("inbox-acknowledged.png");
    browser.screenshot(png);
    assertThat(Files.size(png)).isGreaterThan(10_000);
  }

  @Test
  void clickingSilenceInATopLevelActionsBlockSendsThatButton() throws Exception {
    postAlertWithTopLevelButtons();
    browser.open(standIns.inboxServer().url());

    browser.clickAndWaitForLoad("button[data-action-id=klaxon_silence_1h]");

    Received request = RECEIVED.poll(10, TimeUnit.SECONDS);
    assertThat(request).isNotNull();
    assertThat(request.signature()).isEqualTo(expectedSignature(request.timestamp(), request.body()));
    JsonNode action = payload(request.body()).path("actions").path(0);
    assertThat(action.path("action_id").asText()).isEqualTo("klaxon_silence_1h");
    assertThat(action.path("block_id").asText()).isEqualTo("top_actions");
    assertThat(action.path("value").asText()).isEqualTo(SILENCE_VALUE);
    await().atMost(Duration.ofSeconds(10)).until(() -> standIns.slack().messages().getFirst().edits() == 1);
    browser.open(standIns.inboxServer().url());
    assertThat(browser.dom()).contains("Silenced for 1h by @klaxon").doesNotContain("data-action-id=\"klaxon_ack\"");
  }

  @Test
  void aClickPostedFromAnotherOriginIsRefused() throws Exception {
    postAlertWithButtonsInAttachment();
    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(standIns.inboxServer().url() + "slack/actions"))
        .header("Origin", "http://evil.example").header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("message=1&button=0")).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(RECEIVED.poll(500, TimeUnit.MILLISECONDS)).isNull();
  }
}
