package io.klaxon.notifier.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.NotificationRequest;
import io.klaxon.notifier.delivery.ChannelPipeline;
import io.klaxon.notifier.delivery.SendResult;
import io.klaxon.notifier.delivery.SenderContractTest;
import io.klaxon.notifier.render.WebhookMessage;
import io.klaxon.notifier.secret.SecretResolver;
import io.klaxon.notifier.testing.Requests;
import io.klaxon.notifier.testing.ScriptedHttpServer;
import io.klaxon.notifier.testing.ScriptedHttpServer.Answer;
import io.klaxon.notifier.testing.ScriptedHttpServer.Recorded;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookSenderTest extends SenderContractTest<WebhookMessage> {
  private ScriptedHttpServer server;
  private WebhookSender sender;
  private final Map<String, String> env = new java.util.HashMap<>(Map.of("HOOK_SECRET", SECRET));

  @BeforeEach
  void start() throws Exception {
    server = new ScriptedHttpServer(Answer.of(204, ""));
    sender = sender(AddressAllowlist.of(List.of("127.0.0.1")));
  }

  private WebhookSender sender(AddressAllowlist allowlist) {
    return new WebhookSender(DestinationGuard.withSystemResolver(allowlist), new SecretResolver(env::get),
        Duration.ofSeconds(2), Duration.ofMillis(500), Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Override
  protected ChannelPipeline<WebhookMessage> pipeline() {
    return ChannelPipeline.webhook(renderer, sender);
  }

  @Override
  protected NotificationRequest request() {
    return Requests.request(Requests.webhook(server.url("/hooks/klaxon"), "env:HOOK_SECRET")).build();
  }

  @Override
  protected void serverAccepts() {
    server.enqueue(Answer.of(204, ""));
  }

  @Override
  protected void serverFailsTransiently() {
    server.enqueue(Answer.of(503, "{}"));
  }

  @Override
  protected void serverRefuses() {
    server.enqueue(Answer.of(404, "{}"));
  }

  @Override
  protected void serverHangs() {
    server.enqueue(Answer.hanging());
  }

  @Override
  protected void serverRateLimits(int seconds) {
    server.enqueue(Answer.withHeader(429, "Retry-After", Integer.toString(seconds), "{}"));
  }

  @Test
  void signatureVerifiesIndependentlyOverTheExactBody() throws Exception {
    NotificationRequest request = request();

    assertThat(send()).isInstanceOf(SendResult.Delivered.class);

    Recorded received = server.requests().getLast();
    assertThat(received.method()).isEqualTo("POST");
    assertThat(received.header("webhook-id")).isEqualTo(request.getNotificationId());
    String timestamp = received.header("webhook-timestamp");
    assertThat(Long.parseLong(timestamp)).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(
        (received.header("webhook-id") + "." + timestamp + "." + received.body()).getBytes(StandardCharsets.UTF_8)));
    assertThat(received.header("webhook-signature")).isEqualTo(expected);
    assertThat(received.header("Content-Type")).startsWith("application/json");
    assertThat(received.body()).contains("\"version\":\"1\"").contains("\"notificationId\":\"ntf-0001\"");
  }

  @Test
  void whsecSecretsAreBase64DecodedKeys() throws Exception {
    byte[] key = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    env.put("HOOK_SECRET", "whsec_" + Base64.getEncoder().encodeToString(key));

    assertThat(send()).isInstanceOf(SendResult.Delivered.class);

    Recorded received = server.requests().getLast();
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal((received.header("webhook-id") + "."
        + received.header("webhook-timestamp") + "." + received.body()).getBytes(StandardCharsets.UTF_8)));
    assertThat(received.header("webhook-signature")).isEqualTo(expected);
  }

  @Test
  void aWhsecSecretWithoutKeyFailsForGoodWithoutCallingTheReceiver() {
    env.put("HOOK_SECRET", "whsec_");

    assertThat(send()).isInstanceOfSatisfying(SendResult.Permanent.class,
        p -> assertThat(p.reason()).isEqualTo("secret env:HOOK_SECRET holds an empty whsec_ key"));
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void retriesCarryTheSameWebhookId() {
    server.enqueue(Answer.of(503, ""));
    send();
    send();
    assertThat(server.requests()).extracting(r -> r.header("webhook-id")).containsExactly("ntf-0001", "ntf-0001");
  }

  @Test
  void loopbackIsRefusedWithoutAllowlist() {
    WebhookSender strict = sender(AddressAllowlist.empty());
    NotificationRequest request = Requests.request(Requests.webhook(
        "https://127.0.0.1:" + server.port() + "/hooks", "env:HOOK_SECRET")).build();

    SendResult result = strict.send(request, renderer.webhookMessage(request));

    assertThat(result).isInstanceOfSatisfying(SendResult.Permanent.class,
        p -> assertThat(p.reason()).contains("loopback"));
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void plainHttpNeedsAnAllowlistedHost() {
    WebhookSender strict = new WebhookSender(new DestinationGuard(AddressAllowlist.empty(),
        host -> new java.net.InetAddress[] {java.net.InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 215, 14})}),
        new SecretResolver(env::get), Duration.ofSeconds(1), Duration.ofSeconds(1), Clock.systemUTC());
    NotificationRequest request = Requests.request(Requests.webhook("http://hooks.acme.example/in", "env:HOOK_SECRET")).build();

    assertThat(strict.send(request, renderer.webhookMessage(request))).isInstanceOfSatisfying(SendResult.Permanent.class,
        p -> assertThat(p.reason()).contains("https"));
  }

  @Test
  void redirectsAreNotFollowedAndArePermanent() {
    server.enqueue(Answer.withHeader(302, "Location", "http://10.0.0.1/internal", ""));

    SendResult result = send();

    assertThat(result).isInstanceOfSatisfying(SendResult.Permanent.class, p -> {
      assertThat(p.statusCode()).isEqualTo(302);
      assertThat(p.reason()).contains("redirect");
    });
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void unresolvableSecretIsPermanentAndNamesOnlyTheReference() {
    NotificationRequest request = Requests.request(Requests.webhook(server.url("/h"), "env:MISSING_SECRET")).build();

    SendResult result = sender.send(request, renderer.webhookMessage(request));

    assertThat(result).isInstanceOfSatisfying(SendResult.Permanent.class,
        p -> assertThat(p.reason()).isEqualTo("secret env:MISSING_SECRET is not set"));
  }
}
