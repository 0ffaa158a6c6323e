package io.klaxon.notifier.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.NotificationRequest;
import io.klaxon.notifier.delivery.ChannelPipeline;
import io.klaxon.notifier.delivery.SendResult;
import io.klaxon.notifier.delivery.SenderContractTest;
import io.klaxon.notifier.render.BidiIsolation;
import io.klaxon.notifier.render.SlackMessage;
import io.klaxon.ops.secret.Secret;
import io.klaxon.ops.secret.SecretResolver;
import io.klaxon.ops.secret.TenantSecrets;
import io.klaxon.notifier.testing.DroppingHttpServer;
import io.klaxon.notifier.testing.Requests;
import io.klaxon.notifier.testing.ScriptedHttpServer;
import io.klaxon.notifier.testing.ScriptedHttpServer.Answer;
import io.klaxon.notifier.testing.ScriptedHttpServer.Recorded;
import io.klaxon.notifier.webhook.AddressAllowlist;
import io.klaxon.notifier.webhook.DestinationGuard;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** chat.postMessage with a bot token, through the real SDK, against a local server speaking Slack's API. */
class SlackApiSenderTest extends SenderContractTest<SlackMessage> {
  /** The guard of incoming-webhook URLs: the local test server is allowlisted. */
  static final DestinationGuard LOCAL = DestinationGuard.withSystemResolver(AddressAllowlist.of(List.of("127.0.0.1")));

  static final String OK = "{\"ok\":true,\"channel\":\"C0123456789\",\"ts\":\"1763800000.000100\"}";

  private ScriptedHttpServer server;
  private SlackSender sender;

  @BeforeEach
  void start() throws Exception {
    server = new ScriptedHttpServer(Answer.of(200, OK));
    sender = new SlackSender(SlackSender.config(server.url("/api/"), Duration.ofMillis(500)), LOCAL,
        new TenantSecrets(new SecretResolver(name -> null), null), new Secret(SECRET), Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aConnectionLostAfterTheMessageWasTakenIsReportedNotPostedAgain() throws Exception {
    // The first post leaves its connection in the pool; Slack takes the second in full on it and
    // the connection breaks before the answer. Posting it again on the SDK's own would show the
    // message twice in the channel: the retry loop decides.
    try (DroppingHttpServer dropping = new DroppingHttpServer(2, OK)) {
      SlackSender direct = new SlackSender(SlackSender.config(dropping.url("/api/"), Duration.ofSeconds(2)), LOCAL,
          new TenantSecrets(new SecretResolver(name -> null), null), new Secret(SECRET), Clock.systemUTC());
      NotificationRequest first = Requests.request(Requests.slackChannel("C0123456789")).setNotificationId("ntf-first").build();
      NotificationRequest second = Requests.request(Requests.slackChannel("C0123456789")).setNotificationId("ntf-second").build();

      assertThat(direct.send(first, renderer.slackMessage(first))).isInstanceOf(SendResult.Delivered.class);
      assertThat(direct.send(second, renderer.slackMessage(second))).isInstanceOf(SendResult.Retryable.class);
      assertThat(dropping.webhookIds()).hasSize(2);
    }
  }

  @Override
  protected ChannelPipeline<SlackMessage> pipeline() {
    return ChannelPipeline.slack(renderer, sender);
  }

  @Override
  protected NotificationRequest request() {
    return Requests.request(Requests.slackChannel("C0123456789")).build();
  }

  @Override
  protected void serverAccepts() {
    server.enqueue(Answer.of(200, OK));
  }

  @Override
  protected void serverFailsTransiently() {
    server.enqueue(Answer.of(503, "{\"ok\":false,\"error\":\"service_unavailable\"}"));
  }

  @Override
  protected void serverRefuses() {
    server.enqueue(Answer.of(403, "{\"ok\":false,\"error\":\"not_allowed\"}"));
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
    server.enqueue(Answer.withHeader(429, "Retry-After", Integer.toString(seconds), "{\"ok\":false,\"error\":\"ratelimited\"}"));
  }

  static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&", -1)) {
      String[] kv = pair.split("=", 2);
      form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
    }
    return form;
  }

  @Test
  void postsBlocksInAColouredAttachmentWithTheBotToken() {
    assertThat(send()).isInstanceOf(SendResult.Delivered.class);

    Recorded call = server.requests().getLast();
    assertThat(call.path()).isEqualTo("/api/chat.postMessage");
    assertThat(call.header("Authorization")).isEqualTo("Bearer " + SECRET);
    Map<String, String> form = form(call.body());
    assertThat(form.get("channel")).isEqualTo("C0123456789");
    assertThat(form.get("text")).isEqualTo("Firing: Disk almost full");
    assertThat(form.get("attachments")).contains("\"color\":\"#D00000\"").contains("\"blocks\":[")
        .contains("\"type\":\"section\"").contains("Disk almost full").contains("Acme Corp");
    assertThat(form.get("metadata")).contains("\"event_type\":\"klaxon_notification\"")
        .contains("\"notification_id\":\"ntf-0001\"");
  }

  @Test
  void untrustedTextArrivesEscaped() {
    NotificationRequest request = Requests.request(Requests.slackChannel("C0123456789"))
        .setAlert(Requests.alert().setTitle("<!channel> db down & <@U999>").setMessage("<!here>").build()).build();

    assertThat(sender.send(request, renderer.slackMessage(request))).isInstanceOf(SendResult.Delivered.class);

    Map<String, String> form = form(server.requests().getLast().body());
    String everything = form.get("text") + form.get("attachments");
    assertThat(everything).doesNotContain("<!channel>", "<!here>", "<@U999>");
    assertThat(form.get("text")).isEqualTo("Firing: &lt;!channel&gt; db down &amp; &lt;@U999&gt;");
  }

  @Test
  void plainMentionsAreNotParsedIntoLiveOnesOnPostOrUpdate() throws Exception {
    NotificationRequest request = Requests.request(Requests.slackChannel("C0123456789"))
        .setAlert(Requests.alert().setTitle("@here db down").setMessage("ping @channel and @everyone").build()).build();

    assertThat(sender.send(request, renderer.slackMessage(request))).isInstanceOf(SendResult.Delivered.class);
    assertThat(sender.send(request, renderer.slackMessage(request))).isInstanceOf(SendResult.Delivered.class);

    assertThat(server.requests()).extracting(Recorded::path).containsExactly("/api/chat.postMessage", "/api/chat.update");
    for (Recorded call : server.requests()) {
      Map<String, String> form = form(call.body());
      assertThat(form).containsEntry("parse", "none").containsEntry("link_names", "0");
      assertThat(form.get("text")).contains("@here");
      SlackJson.assertEveryMrkdwnTextIsVerbatim(form.get("attachments"));
    }
  }

  @Test
  void rightToLeftMessagesArriveWithIsolates() {
    NotificationRequest request = Requests.request(Requests.slackChannel("C0123456789")).setTenantLocale("ar").build();

    assertThat(sender.send(request, renderer.slackMessage(request))).isInstanceOf(SendResult.Delivered.class);

    Map<String, String> form = form(server.requests().getLast().body());
    assertThat(form.get("text")).startsWith(String.valueOf(BidiIsolation.RLI))
        .contains(BidiIsolation.FSI + "Disk almost full" + BidiIsolation.PDI);
    assertThat(form.get("attachments")).contains(String.valueOf(BidiIsolation.FSI)).contains("الخطورة");
  }

  @Test
  void slackErrorsAreClassified() {
    server.enqueue(Answer.of(200, "{\"ok\":false,\"error\":\"channel_not_found\"}"));
    assertThat(send()).isInstanceOfSatisfying(SendResult.Permanent.class,
        p -> assertThat(p.reason()).isEqualTo("Slack API error channel_not_found"));

    server.enqueue(Answer.of(200, "{\"ok\":false,\"error\":\"internal_error\"}"));
    assertThat(send()).isInstanceOf(SendResult.Retryable.class);
  }

  @Test
  void withoutBotTokenOrWebhookTheTargetCannotBeServed() {
    SlackSender tokenless = new SlackSender(SlackSender.config(server.url("/api/"), Duration.ofSeconds(1)), LOCAL,
        new TenantSecrets(new SecretResolver(name -> null), null), null, Clock.systemUTC());
    NotificationRequest request = request();

    assertThat(tokenless.send(request, renderer.slackMessage(request))).isInstanceOf(SendResult.Permanent.class);
    assertThat(server.requests()).isEmpty();
  }

  private SendResult send(SlackSender to, NotificationRequest request) {
    return to.send(request, renderer.slackMessage(request));
  }

  @Test
  void theSameNotificationAgainUpdatesTheMessageItWasPostedAs() {
    NotificationRequest request = request();
    assertThat(send(sender, request)).isInstanceOf(SendResult.Delivered.class);
    assertThat(send(sender, request)).isInstanceOf(SendResult.Delivered.class);

    assertThat(server.requests()).extracting(Recorded::path).containsExactly("/api/chat.postMessage", "/api/chat.update");
    Map<String, String> update = form(server.requests().getLast().body());
    assertThat(update.get("channel")).isEqualTo("C0123456789");
    assertThat(update.get("ts")).isEqualTo("1763800000.000100");
    assertThat(update.get("text")).isEqualTo("Firing: Disk almost full");
    assertThat(update.get("attachments")).contains("\"blocks\":[");
    assertThat(server.requests().getLast().header("Authorization")).isEqualTo("Bearer " + SECRET);
  }

  @Test
  void anotherAlertIsPostedAsItsOwnMessage() {
    send(sender, request());
    send(sender, Requests.request(Requests.slackChannel("C0123456789")).setNotificationId("ntf-0002")
        .setFingerprint("another-alert").build());

    assertThat(server.requests()).extracting(Recorded::path)
        .containsExactly("/api/chat.postMessage", "/api/chat.postMessage");
  }

  @Test
  void aMessageSlackNoLongerHasIsPostedAgain() {
    send(sender, request());
    server.enqueue(Answer.of(200, "{\"ok\":false,\"error\":\"message_not_found\"}"));
    server.enqueue(Answer.of(200, OK));

    assertThat(send(sender, request())).isInstanceOf(SendResult.Delivered.class);
    assertThat(server.requests()).extracting(Recorded::path)
        .containsExactly("/api/chat.postMessage", "/api/chat.update", "/api/chat.postMessage");
  }

  @Test
  void aRateLimitedUpdateIsRetriedAfterExactlyItsRetryAfter() {
    send(sender, request());
    server.enqueue(Answer.withHeader(429, "Retry-After", "2", "{\"ok\":false,\"error\":\"ratelimited\"}"));

    SendResult result = send(sender, request());

    assertThat(result).isInstanceOf(SendResult.Retryable.class);
    assertThat(((SendResult.Retryable) result).after()).isEqualTo(Duration.ofSeconds(2));
    assertThat(result.toString()).doesNotContain(SECRET);
    assertThat(server.requests().getLast().path()).isEqualTo("/api/chat.update");
  }

  @Test
  void aRefusedUpdateIsPermanentAndNamesSlacksError() {
    send(sender, request());
    server.enqueue(Answer.of(200, "{\"ok\":false,\"error\":\"not_in_channel\"}"));

    SendResult result = send(sender, request());

    assertThat(result).isInstanceOf(SendResult.Permanent.class);
    assertThat(result.toString()).contains("not_in_channel").doesNotContain(SECRET);
  }

  @Test
  void onlyTheMostRecentlyPostedNotificationsAreRemembered() {
    SlackSender small = rememberingOne();
    NotificationRequest first = forgottenBehindAnother(small);

    send(small, first);
    send(small, first);

    // The forgotten notification posts again, in its alert's thread (and updates the thread's first
    // message); the one remembered since updates that reply.
    assertThat(server.requests()).extracting(Recorded::path).containsExactly("/api/chat.postMessage",
        "/api/chat.postMessage", "/api/chat.postMessage", "/api/chat.update", "/api/chat.update");
    assertThat(form(server.requests().get(2).body())).containsKey("thread_ts");
  }

  @Test
  void aReplyWhoseThreadSlackNoLongerHasIsPostedAsANewMessage() {
    SlackSender small = rememberingOne();
    NotificationRequest first = forgottenBehindAnother(small);
    // The thread's first message was deleted in Slack: the reply is refused.
    server.enqueue(Answer.of(200, "{\"ok\":false,\"error\":\"thread_not_found\"}"));

    SendResult result = send(small, first);

    assertThat(result).isInstanceOf(SendResult.Delivered.class);
    assertThat(server.requests()).extracting(Recorded::path).containsExactly("/api/chat.postMessage",
        "/api/chat.postMessage", "/api/chat.postMessage", "/api/chat.postMessage");
    assertThat(form(server.requests().get(2).body())).containsKey("thread_ts");
    assertThat(form(server.requests().get(3).body())).doesNotContainKey("thread_ts")
        .containsEntry("channel", "C0123456789");
  }

  /**
   * Posts a notification and then another alert's through {@code small}, which remembers one, and
   * returns the first: posted, its alert's thread open, but forgotten by the sender.
   */
  private NotificationRequest forgottenBehindAnother(SlackSender small) {
    NotificationRequest first = request();
    send(small, first);
    send(small, anotherAlert());
    return first;
  }

  /** A sender that remembers only the last posted notification. */
  private SlackSender rememberingOne() {
    return new SlackSender(SlackSender.config(server.url("/api/"), Duration.ofMillis(500)), LOCAL,
        new TenantSecrets(new SecretResolver(name -> null), null), new Secret(SECRET), Clock.systemUTC(), 1,
        SlackThreads.inMemory());
  }

  private static NotificationRequest anotherAlert() {
    return Requests.request(Requests.slackChannel("C0123456789")).setNotificationId("ntf-0002")
        .setFingerprint("another-alert").build();
  }

  @Test
  void notificationsToOneChannelOrOneIncomingWebhookShareAPace() {
    NotificationRequest toOps = Requests.request(Requests.slackChannel("C0123456789")).build();
    NotificationRequest againToOps = Requests.request(Requests.slackChannel("C0123456789")).setNotificationId("ntf-0002")
        .setTenantId("globex").build();
    NotificationRequest toDev = Requests.request(Requests.slackChannel("C0999999999")).build();
    NotificationRequest viaHook = Requests.request(Requests.slackWebhook("C0123456789", "env:OPS_HOOK")).build();

    assertThat(sender.pacingKey(toOps)).isPresent().isEqualTo(sender.pacingKey(againToOps));
    assertThat(sender.pacingKey(toDev)).isPresent().isNotEqualTo(sender.pacingKey(toOps));
    assertThat(sender.pacingKey(viaHook)).isPresent().isNotEqualTo(sender.pacingKey(toOps))
        .isEqualTo(sender.pacingKey(Requests.request(Requests.slackWebhook("C0999999999", "env:OPS_HOOK")).build()));
    assertThat(sender.pacingKey(Requests.request(Requests.webhook("https://h.example/in", "env:H")).build())).isEmpty();
  }
}
