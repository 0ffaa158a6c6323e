package io.klaxon.notifier.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.klaxon.events.NotificationRequest;
import io.klaxon.notifier.delivery.ChannelPipeline;
import io.klaxon.notifier.delivery.SendResult;
import io.klaxon.notifier.delivery.SenderContractTest;
import io.klaxon.notifier.render.WebhookMessage;
import io.klaxon.ops.secret.SecretResolver;
import io.klaxon.ops.secret.TenantSecrets;
import io.klaxon.notifier.testing.DroppingHttpServer;
import io.klaxon.notifier.testing.Requests;
import io.klaxon.notifier.testing.ScriptedHttpServer;
import io.klaxon.notifier.testing.ScriptedHttpServer.Answer;
import io.klaxon.notifier.testing.ScriptedHttpServer.Recorded;
import io.klaxon.notifier.testing.StallingHttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookSenderTest extends SenderContractTest<WebhookMessage> {
  private ScriptedHttpServer server;
  private WebhookSender sender;
  private final Map<String, String> env = new java.util.HashMap<>(Map.of("ACME_HOOK_SECRET", SECRET));

  @BeforeEach
  void start() throws Exception {
    server = new ScriptedHttpServer(Answer.of(204, ""));
    sender = sender(AddressAllowlist.of(List.of("127.0.0.1")));
  }

  private WebhookSender sender(AddressAllowlist allowlist) {
    return new WebhookSender(DestinationGuard.withSystemResolver(allowlist), new TenantSecrets(new SecretResolver(env::get), null),
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
    return Requests.request(Requests.webhook(server.url("/hooks/klaxon"), "env:ACME_HOOK_SECRET")).build();
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
  protected void serverStallsMidAnswer() {
    server.enqueue(Answer.stallingInBody(200, "{\"ok\":true}"));
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
    env.put("ACME_HOOK_SECRET", "whsec_" + Base64.getEncoder().encodeToString(key));

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
    env.put("ACME_HOOK_SECRET", "whsec_");

    assertThat(send()).isInstanceOfSatisfying(SendResult.Permanent.class,
        p -> assertThat(p.reason()).isEqualTo("secret env:ACME_HOOK_SECRET holds an empty whsec_ key"));
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void aReceiverThatStallsInTheMiddleOfItsBodyTimesOut() throws Exception {
    try (StallingHttpServer stalling = new StallingHttpServer()) {
      WebhookSender oneSecond = new WebhookSender(DestinationGuard.withSystemResolver(AddressAllowlist.of(List.of("127.0.0.1"))),
          new TenantSecrets(new SecretResolver(env::get), null), Duration.ofSeconds(1), Duration.ofSeconds(1), Clock.systemUTC());
      NotificationRequest request = Requests.request(Requests.webhook(stalling.url("/hooks"), "env:ACME_HOOK_SECRET")).build();

      CompletableFuture<SendResult> result =
          CompletableFuture.supplyAsync(() -> oneSecond.send(request, renderer.webhookMessage(request)));

      await().atMost(Duration.ofSeconds(10)).until(result::isDone);
      assertThat(stalling.requests()).isEqualTo(1);
      assertThat(result.join()).isInstanceOfSatisfying(SendResult.Retryable.class, r -> {
        assertThat(r.reason()).isEqualTo("webhook timed out");
        assertThat(r.timedOut()).isTrue();
      });
    }
  }

  @Test
  void connectsToTheAddressTheGuardCheckedWithoutASecondLookup() {
    AtomicInteger lookups = new AtomicInteger();
    // A rebinding name: the first answer is the allowlisted receiver, every later one an internal address.
    DestinationGuard rebinding = new DestinationGuard(AddressAllowlist.of(List.of("127.0.0.1/32")), host -> new InetAddress[] {
        InetAddress.getByAddress(host, lookups.incrementAndGet() == 1 ? new byte[] {127, 0, 0, 1} : new byte[] {10, 0, 0, 1})});
    WebhookSender pinned = new WebhookSender(rebinding, new TenantSecrets(new SecretResolver(env::get), null), Duration.ofSeconds(2),
        Duration.ofSeconds(2), Clock.systemUTC());
    NotificationRequest request = Requests.request(Requests.webhook(
        "http://hooks.rebinding.test:" + server.port() + "/in", "env:ACME_HOOK_SECRET")).build();

    assertThat(pinned.send(request, renderer.webhookMessage(request))).isInstanceOf(SendResult.Delivered.class);
    assertThat(server.requests()).singleElement().satisfies(r -> assertThat(r.path()).isEqualTo("/in"));
    assertThat(lookups.get()).isEqualTo(1);
  }

  @Test
  void aNameThatResolvesToAnInternalAddressIsRefusedAtConnect() {
    DestinationGuard internal = new DestinationGuard(AddressAllowlist.empty(),
        host -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254})});
    WebhookSender guarded = new WebhookSender(internal, new TenantSecrets(new SecretResolver(env::get), null), Duration.ofSeconds(2),
        Duration.ofSeconds(2), Clock.systemUTC());
    NotificationRequest request = Requests.request(Requests.webhook("https://metadata.rebinding.test/latest", "env:ACME_HOOK_SECRET")).build();

    assertThat(guarded.send(request, renderer.webhookMessage(request))).isInstanceOfSatisfying(SendResult.Permanent.class,
        p -> assertThat(p.reason()).contains("link-local"));
  }

  @Test
  void theSystemProxyIsNotUsed() throws Exception {
    ProxySelector system = ProxySelector.getDefault();
    try (ScriptedHttpServer proxy = new ScriptedHttpServer(Answer.of(502, "proxy"))) {
      ProxySelector.setDefault(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.port())));
      WebhookSender direct = sender(AddressAllowlist.of(List.of("127.0.0.1")));

      assertThat(direct.send(request(), renderer.webhookMessage(request()))).isInstanceOf(SendResult.Delivered.class);
      assertThat(proxy.requests()).isEmpty();
      assertThat(server.requests()).hasSize(1);
    } finally {
      ProxySelector.setDefault(system);
    }
  }

  @Test
  void aTenantCannotSignWithAnotherTenantsSecret() {
    env.put("GLOBEX_HOOK_SECRET", "globex-signing-key");
    NotificationRequest request = Requests.request(Requests.webhook(server.url("/in"), "env:GLOBEX_HOOK_SECRET")).build();

    assertThat(sender.send(request, renderer.webhookMessage(request))).isInstanceOfSatisfying(SendResult.Permanent.class,
        p -> assertThat(p.reason()).startsWith("secret env:GLOBEX_HOOK_SECRET is outside tenant acme's secrets"));
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void aConnectionLostAfterTheRequestWasTakenIsReportedNotSentAgain() throws Exception {
    // The first request leaves its connection in the pool; the receiver takes the second in full
    // on that connection and closes it without answering. The HTTP client must not post it again
    // on its own: the notifier's retry loop decides, counts and paces every attempt.
    try (DroppingHttpServer dropping = new DroppingHttpServer(2, "{}")) {
      String url = dropping.url("/hooks");
      NotificationRequest first = Requests.request(Requests.webhook(url, "env:ACME_HOOK_SECRET"))
          .setNotificationId("ntf-first").build();
      NotificationRequest second = Requests.request(Requests.webhook(url, "env:ACME_HOOK_SECRET"))
          .setNotificationId("ntf-second").build();

      assertThat(sender.send(first, renderer.webhookMessage(first))).isInstanceOf(SendResult.Delivered.class);
      assertThat(sender.send(second, renderer.webhookMessage(second))).isInstanceOf(SendResult.Retryable.class);
      assertThat(dropping.webhookIds()).containsExactly("ntf-first", "ntf-second");
    }
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
        "https://127.0.0.1:" + server.port() + "/hooks", "env:ACME_HOOK_SECRET")).build();

    SendResult result = strict.send(request, renderer.webhookMessage(request));

    assertThat(result).isInstanceOfSatisfying(SendResult.Permanent.class,
        p -> assertThat(p.reason()).contains("loopback"));
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void plainHttpNeedsAnAllowlistedHost() {
    WebhookSender strict = new WebhookSender(new DestinationGuard(AddressAllowlist.empty(),
        host -> new java.net.InetAddress[] {java.net.InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 215, 14})}),
        new TenantSecrets(new SecretResolver(env::get), null), Duration.ofSeconds(1), Duration.ofSeconds(1), Clock.systemUTC());
    NotificationRequest request = Requests.request(Requests.webhook("http://hooks.acme.example/in", "env:ACME_HOOK_SECRET")).build();

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
    NotificationRequest request = Requests.request(Requests.webhook(server.url("/h"), "env:ACME_MISSING_SECRET")).build();

    SendResult result = sender.send(request, renderer.webhookMessage(request));

    assertThat(result).isInstanceOfSatisfying(SendResult.Permanent.class,
        p -> assertThat(p.reason()).isEqualTo("secret env:ACME_MISSING_SECRET is not set"));
  }
}
