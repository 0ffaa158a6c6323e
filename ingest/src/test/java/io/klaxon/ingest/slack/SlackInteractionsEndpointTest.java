package io.klaxon.ingest.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.klaxon.events.Channel;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.SlackTarget;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.ingest.TestTenants;
import io.klaxon.ingest.auth.TenantDirectory;
import io.klaxon.ops.Health;
import io.klaxon.ops.secret.SecretResolver;
import io.klaxon.ops.secret.TenantSecrets;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Slack's signed button clicks: verified with the tenant's signing secret, then acted on; anything else changes nothing. */
class SlackInteractionsEndpointTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-12-02T18:00:00Z");
  private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  private static final String GLOBEX_SECRET = "globex-signing-secret-0123456789";

  private final RecordingActions actions = new RecordingActions();
  private final List<String> replacements = new CopyOnWriteArrayList<>();
  private final TenantDirectory directory = new TenantDirectory(id -> {});
  private HttpServer responses;
  private SlackInteractionsEndpoint endpoint;

  @BeforeEach
  void start() throws Exception {
    directory.apply("acme", tenant("acme", "env:ACME_SLACK_SIGNING"));
    directory.apply("globex", tenant("globex", "env:GLOBEX_SLACK_SIGNING"));
    responses = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    responses.createContext("/actions/", exchange -> {
      replacements.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    responses.start();
    Map<String, String> env = Map.of("ACME_SLACK_SIGNING", SECRET, "GLOBEX_SLACK_SIGNING", GLOBEX_SECRET);
    endpoint = new SlackInteractionsEndpoint(directory, new TenantSecrets(new SecretResolver(env::get), null), actions,
        Runnable::run, responseBase(), () -> Health.up("ready"), Clock.fixed(NOW, ZoneOffset.UTC), 65_536);
  }

  @AfterEach
  void stop() {
    responses.stop(0);
  }

  private String responseBase() {
    return "http://127.0.0.1:" + responses.getAddress().getPort() + "/actions/";
  }

  private static TenantConfig tenant(String id, String signingRef) {
    TenantConfig tenant = TestTenants.tenant(id, Tier.ENTERPRISE);
    tenant.setTargets(List.of(ChannelTarget.newBuilder().setId("slack-ops").setChannel(Channel.SLACK)
        .setSlack(SlackTarget.newBuilder().setChannel("#ops").setSigningSecretRef(signingRef).build()).build()));
    return tenant;
  }

  private byte[] click(String action, String tenant, String responseUrl) {
    ObjectNode value = JSON.createObjectNode().put("tenant", tenant).put("target", "slack-ops").put("fingerprint", "fp-1");
    if (action.equals(SlackInteraction.SILENCE_1H)) {
      value.putObject("labels").put("alertname", "DiskFull").put("env", "prod");
    }
    ObjectNode payload = JSON.createObjectNode().put("type", "block_actions").put("response_url", responseUrl);
    payload.putObject("user").put("id", "U123").put("username", "ana");
    payload.putArray("actions").addObject().put("action_id", action).put("value", value.toString());
    ObjectNode message = payload.putObject("message").put("text", "Firing: Disk full");
    ObjectNode attachment = message.putArray("attachments").addObject().put("color", "#d00000");
    attachment.putArray("blocks").add(JSON.createObjectNode().put("type", "section"))
        .add(JSON.createObjectNode().put("type", "actions"));
    return ("payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
  }

  private SlackInteractionsEndpoint.Answer send(byte[] body, String secret, Instant sentAt) {
    String timestamp = Long.toString(sentAt.getEpochSecond());
    return endpoint.answer(body, timestamp, SlackSignature.sign(secret, timestamp, body));
  }

  @Test
  void aSignedAckIsRecordedAndTheMessageSaysWhoAcknowledged() throws Exception {
    SlackInteractionsEndpoint.Answer answer = send(click(SlackInteraction.ACK, "acme", responseBase() + "T1/1"), SECRET, NOW);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(actions.calls).containsExactly("ack acme fp-1 ana");
    assertThat(replacements).hasSize(1);
    JsonNode replacement = JSON.readTree(replacements.getFirst());
    assertThat(replacement.get("replace_original").asBoolean()).isTrue();
    JsonNode blocks = replacement.get("attachments").get(0).get("blocks");
    assertThat(blocks.get(1).get("type").asText()).isEqualTo("context");
    assertThat(blocks.get(1).get("elements").get(0).get("text").asText()).isEqualTo("Acknowledged by @ana");
    assertThat(replacement.toString()).doesNotContain("\"actions\"");
  }

  @Test
  void aSignedSilenceSilencesTheAlertsLabelsForAnHour() {
    SlackInteractionsEndpoint.Answer answer = send(click(SlackInteraction.SILENCE_1H, "acme", responseBase() + "T1/2"),
        SECRET, NOW.minusSeconds(299));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(actions.calls).containsExactly("silence acme {alertname=DiskFull, env=prod} PT1H ana");
    assertThat(replacements.getFirst()).contains("Silenced for 1h by @ana (silence s-1)");
  }

  @Test
  void aBadSignatureIs401AndChangesNothing() {
    SlackInteractionsEndpoint.Answer answer = send(click(SlackInteraction.ACK, "acme", responseBase()), "wrong", NOW);

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.body()).contains("X-Slack-Signature does not match");
    assertThat(actions.calls).isEmpty();
    assertThat(replacements).isEmpty();
  }

  @Test
  void anOldOrFutureTimestampIs401EvenWhenSigned() {
    assertThat(send(click(SlackInteraction.ACK, "acme", responseBase()), SECRET, NOW.minus(Duration.ofMinutes(5)).minusSeconds(1))
        .status()).isEqualTo(401);
    assertThat(send(click(SlackInteraction.ACK, "acme", responseBase()), SECRET, NOW.plus(Duration.ofMinutes(6))).body())
        .contains("more than 5 minutes");
    assertThat(actions.calls).isEmpty();
  }

  @Test
  void aBodyChangedAfterSigningIs401() {
    byte[] body = click(SlackInteraction.ACK, "acme", responseBase());
    String timestamp = Long.toString(NOW.getEpochSecond());
    String signature = SlackSignature.sign(SECRET, timestamp, body);
    byte[] changed = click(SlackInteraction.SILENCE_1H, "acme", responseBase());

    assertThat(endpoint.answer(changed, timestamp, signature).status()).isEqualTo(401);
    assertThat(endpoint.answer(body, timestamp, null).status()).isEqualTo(401);
    assertThat(actions.calls).isEmpty();
  }

  @Test
  void aClickNamingAnotherTenantMustBeSignedWithThatTenantsSecret() {
    SlackInteractionsEndpoint.Answer answer = send(click(SlackInteraction.ACK, "globex", responseBase()), SECRET, NOW);

    assertThat(answer.status()).isEqualTo(401);
    assertThat(actions.calls).isEmpty();
  }

  @Test
  void anUnknownTenantOrATargetWithoutSecretIs401() {
    assertThat(send(click(SlackInteraction.ACK, "initech", responseBase()), SECRET, NOW).status()).isEqualTo(401);
    directory.apply("acme", tenant("acme", null));
    assertThat(send(click(SlackInteraction.ACK, "acme", responseBase()), SECRET, NOW).status()).isEqualTo(401);
    assertThat(actions.calls).isEmpty();
  }

  @Test
  void aPayloadThatIsNotAKlaxonClickIs400NamingTheField() {
    byte[] noPayload = "token=x".getBytes(StandardCharsets.UTF_8);
    byte[] otherAction = ("payload=" + URLEncoder.encode("{\"type\":\"block_actions\",\"actions\":[{\"action_id\":\"x\"}]}",
        StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    byte[] noFingerprint = ("payload=" + URLEncoder.encode("{\"type\":\"block_actions\",\"actions\":[{\"action_id\":"
        + "\"klaxon_ack\",\"value\":\"{\\\"tenant\\\":\\\"acme\\\",\\\"target\\\":\\\"slack-ops\\\"}\"}]}",
        StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);

    assertThat(send(noPayload, SECRET, NOW).body()).contains("payload is missing");
    assertThat(send(otherAction, SECRET, NOW).body()).contains("payload.actions[0].action_id");
    SlackInteractionsEndpoint.Answer missing = send(noFingerprint, SECRET, NOW);
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body()).contains("payload.actions[0].value.fingerprint");
    assertThat(actions.calls).isEmpty();
  }

  @Test
  void aResponseUrlOutsideThePrefixIsNotPostedTo() {
    SlackInteractionsEndpoint.Answer answer = send(click(SlackInteraction.ACK, "acme", "http://169.254.169.254/latest"),
        SECRET, NOW);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(actions.calls).containsExactly("ack acme fp-1 ana");
    assertThat(replacements).isEmpty();
  }

  @Test
  void signaturesAreSlacksDocumentedExample() {
    // Slack's "Verifying requests from Slack" example: secret, timestamp and body as published.
    byte[] body = ("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
        + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
        + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
        + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c").getBytes(StandardCharsets.UTF_8);

    assertThat(SlackSignature.sign(SECRET, "1531420618", body))
        .isEqualTo("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");
  }

  private static final class RecordingActions implements SlackActions {
    final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public void acknowledge(String tenantId, String fingerprint, String user) {
      calls.add("ack " + tenantId + " " + fingerprint + " " + user);
    }

    @Override
    public String silence(String tenantId, Map<String, String> labels, Duration duration, String user) {
      calls.add("silence " + tenantId + " " + new java.util.TreeMap<>(labels) + " " + duration + " " + user);
      return "s-1";
    }
  }
}
