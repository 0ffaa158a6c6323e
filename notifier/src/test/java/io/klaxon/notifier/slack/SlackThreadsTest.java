package io.klaxon.notifier.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.klaxon.events.AlertGroup;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.SlackTarget;
import io.klaxon.events.SlackThread;
import io.klaxon.notifier.delivery.SendResult;
import io.klaxon.notifier.render.MessageBundles;
import io.klaxon.notifier.render.Renderer;
import io.klaxon.notifier.metrics.NotifierMetrics;
import io.klaxon.notifier.testing.Requests;
import io.klaxon.notifier.testing.ScriptedHttpServer;
import io.klaxon.notifier.testing.ScriptedHttpServer.Answer;
import io.klaxon.notifier.testing.ScriptedHttpServer.Recorded;
import io.klaxon.ops.secret.Secret;
import io.klaxon.ops.secret.SecretResolver;
import io.klaxon.ops.secret.TenantSecrets;
import io.klaxon.topics.SlackThreadKeys;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Threads of one alert, or of one group's flushes, in Slack: replies under the first message,
 * updates in place, the map written through.
 */
class SlackThreadsTest {
  private static final String FIRST = "{\"ok\":true,\"channel\":\"C0123456789\",\"ts\":\"1763800000.000100\"}";
  private static final String REPLY = "{\"ok\":true,\"channel\":\"C0123456789\",\"ts\":\"1763800001.000200\"}";
  private static final String UPDATED = "{\"ok\":true,\"channel\":\"C0123456789\",\"ts\":\"1763800000.000100\"}";
  private static final String KEY = SlackThreadKeys.of("acme", "slack-ops", "fp-1");
  private static final String GROUP_KEY = SlackThreadKeys.of("acme", "slack-ops", "group:g-7f3a");

  private final Renderer renderer = new Renderer(MessageBundles.builtIn(), "en", NotifierMetrics.inMemory());
  private final RecordingLog log = new RecordingLog();
  private ScriptedHttpServer server;

  @BeforeEach
  void start() throws Exception {
    server = new ScriptedHttpServer(Answer.of(200, FIRST));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private SlackSender sender(SlackThreads threads) {
    return new SlackSender(SlackSender.config(server.url("/api/"), Duration.ofMillis(500)), SlackApiSenderTest.LOCAL,
        new TenantSecrets(new SecretResolver(name -> null), null), new Secret("xoxb-test"), Clock.systemUTC(),
        SlackSender.DEFAULT_REMEMBERED, threads);
  }

  private SendResult send(SlackSender sender, NotificationRequest request) {
    return sender.send(request, renderer.slackMessage(request));
  }

  private static NotificationRequest firing(String id) {
    return Requests.request(Requests.slackChannel("#ops")).setNotificationId(id).build();
  }

  private static NotificationRequest resolved(String id) {
    NotificationRequest request = firing(id);
    request.getAlert().setStatus(AlertStatus.RESOLVED);
    return request;
  }

  @Test
  void theResolutionRepliesInTheThreadOfTheFirstMessageAndUpdatesIt() {
    SlackSender sender = sender(new SlackThreads(log, 10));
    assertThat(send(sender, firing("n-fire"))).isInstanceOf(SendResult.Delivered.class);
    server.enqueue(Answer.of(200, REPLY));
    server.enqueue(Answer.of(200, UPDATED));

    assertThat(send(sender, resolved("n-resolved"))).isInstanceOf(SendResult.Delivered.class);

    List<Recorded> calls = server.requests();
    assertThat(calls).extracting(Recorded::path)
        .containsExactly("/api/chat.postMessage", "/api/chat.postMessage", "/api/chat.update");
    assertThat(SlackApiSenderTest.form(calls.get(0).body())).doesNotContainKey("thread_ts");
    Map<String, String> reply = SlackApiSenderTest.form(calls.get(1).body());
    assertThat(reply.get("thread_ts")).isEqualTo("1763800000.000100");
    assertThat(reply.get("channel")).isEqualTo("C0123456789");
    Map<String, String> update = SlackApiSenderTest.form(calls.get(2).body());
    assertThat(update.get("ts")).isEqualTo("1763800000.000100");
    assertThat(update.get("text")).startsWith("Resolved");
    assertThat(log.appended).extracting(a -> a.key).containsExactly(KEY, KEY);
    assertThat(log.appended.get(0).thread.getResolvedAt()).isNull();
    assertThat(log.appended.get(0).thread.getTs()).isEqualTo("1763800000.000100");
    assertThat(log.appended.get(1).thread.getResolvedAt()).isNotNull();
  }

  @Test
  void aRestoredThreadIsRepliedTo() {
    log.restored.put(KEY, SlackThread.newBuilder().setTenantId("acme").setTargetId("slack-ops").setFingerprint("fp-1")
        .setChannelId("C0123456789").setTs("1700000000.000001").setNotificationId("n-old")
        .setPostedAt(java.time.Instant.parse("2026-11-22T10:00:00Z")).setResolvedAt(null).build());
    server.enqueue(Answer.of(200, REPLY));

    send(sender(new SlackThreads(log, 10)), firing("n-repeat"));

    assertThat(SlackApiSenderTest.form(server.requests().getFirst().body()).get("thread_ts")).isEqualTo("1700000000.000001");
    assertThat(server.requests().get(1).path()).isEqualTo("/api/chat.update");
    assertThat(SlackApiSenderTest.form(server.requests().get(1).body()).get("ts")).isEqualTo("1700000000.000001");
  }

  @Test
  void afterTheResolutionTheNextFiringStartsANewThread() {
    SlackSender sender = sender(new SlackThreads(log, 10));
    send(sender, firing("n-1"));
    server.enqueue(Answer.of(200, REPLY));
    server.enqueue(Answer.of(200, UPDATED));
    send(sender, resolved("n-2"));
    server.enqueue(Answer.of(200, "{\"ok\":true,\"channel\":\"C0123456789\",\"ts\":\"1763800099.000300\"}"));

    send(sender, firing("n-3"));

    assertThat(SlackApiSenderTest.form(server.requests().getLast().body())).doesNotContainKey("thread_ts");
    assertThat(log.appended.getLast().thread.getTs()).isEqualTo("1763800099.000300");
  }

  @Test
  void aThreadTheLogDidNotAcknowledgeIsRetriedAsAnUpdateNotASecondPost() {
    log.failing = true;
    SlackSender sender = sender(new SlackThreads(log, 10));

    SendResult first = send(sender, firing("n-fire"));
    log.failing = false;
    server.enqueue(Answer.of(200, UPDATED));
    SendResult retry = send(sender, firing("n-fire"));

    assertThat(first).isInstanceOf(SendResult.Retryable.class);
    assertThat(first.toString()).contains("Slack thread not recorded");
    assertThat(retry).isInstanceOf(SendResult.Delivered.class);
    assertThat(server.requests()).extracting(Recorded::path).containsExactly("/api/chat.postMessage", "/api/chat.update");
    assertThat(log.appended).singleElement().satisfies(a -> assertThat(a.thread.getTs()).isEqualTo("1763800000.000100"));
  }

  @Test
  void aFiringMessageOfATargetWithASigningSecretCarriesAckAndSilenceButtons() {
    NotificationRequest request = Requests.request(Requests.slackChannel("#ops")).build();
    request.getTarget().setSlack(SlackTarget.newBuilder().setChannel("#ops").setSigningSecretRef("env:ACME_SLACK_SIGNING")
        .build());

    send(sender(SlackThreads.inMemory()), request);

    String attachments = SlackApiSenderTest.form(server.requests().getFirst().body()).get("attachments");
    JsonObject actions = JsonParser.parseString(attachments).getAsJsonArray().get(0).getAsJsonObject()
        .getAsJsonArray("blocks").asList().getLast().getAsJsonObject();
    assertThat(actions.get("type").getAsString()).isEqualTo("actions");
    var buttons = actions.getAsJsonArray("elements");
    assertThat(buttons.asList()).extracting(b -> b.getAsJsonObject().get("action_id").getAsString())
        .containsExactly(SlackButtons.ACK_ACTION, SlackButtons.SILENCE_ACTION);
    JsonObject ack = JsonParser.parseString(buttons.get(0).getAsJsonObject().get("value").getAsString()).getAsJsonObject();
    assertThat(ack.get("tenant").getAsString()).isEqualTo("acme");
    assertThat(ack.get("target").getAsString()).isEqualTo("slack-ops");
    assertThat(ack.get("fingerprint").getAsString()).isEqualTo("fp-1");
    JsonObject silence = JsonParser.parseString(buttons.get(1).getAsJsonObject().get("value").getAsString()).getAsJsonObject();
    assertThat(silence.getAsJsonObject("labels").get("env").getAsString()).isEqualTo("prod");
  }

  @Test
  void withoutASigningSecretOrOnceResolvedThereAreNoButtons() {
    SlackSender sender = sender(SlackThreads.inMemory());
    send(sender, firing("n-plain"));
    NotificationRequest resolved = resolved("n-resolved");
    resolved.getTarget().setSlack(SlackTarget.newBuilder().setChannel("#ops").setSigningSecretRef("env:ACME_SLACK_SIGNING")
        .build());
    server.enqueue(Answer.of(200, "{\"ok\":true,\"channel\":\"C0123456789\",\"ts\":\"1763800042.000100\"}"));
    send(sender, withFingerprint(resolved, "other"));

    assertThat(server.requests()).allSatisfy(call ->
        assertThat(SlackApiSenderTest.form(call.body()).get("attachments")).doesNotContain("\"actions\""));
  }

  private static NotificationRequest flush(long sequence, long firing) {
    AlertGroup group = Requests.group().setSequence(sequence).setFiring(firing).build();
    return Requests.groupRequest(Requests.slackChannel("#ops"), group).build();
  }

  @Test
  void aGroupsLaterFlushRepliesInTheThreadOfItsFirstAndUpdatesIt() {
    SlackSender sender = sender(new SlackThreads(log, 10));
    assertThat(send(sender, flush(1, 3))).isInstanceOf(SendResult.Delivered.class);
    server.enqueue(Answer.of(200, REPLY));
    server.enqueue(Answer.of(200, UPDATED));

    assertThat(send(sender, flush(2, 2))).isInstanceOf(SendResult.Delivered.class);

    List<Recorded> calls = server.requests();
    assertThat(calls).extracting(Recorded::path)
        .containsExactly("/api/chat.postMessage", "/api/chat.postMessage", "/api/chat.update");
    assertThat(SlackApiSenderTest.form(calls.get(0).body())).doesNotContainKey("thread_ts");
    assertThat(SlackApiSenderTest.form(calls.get(1).body()).get("thread_ts")).isEqualTo("1763800000.000100");
    Map<String, String> update = SlackApiSenderTest.form(calls.get(2).body());
    assertThat(update.get("ts")).isEqualTo("1763800000.000100");
    assertThat(update.get("text")).isEqualTo("Firing (2): disk-usage · prod eu-west-1");
    assertThat(log.appended).singleElement().satisfies(a -> {
      assertThat(a.key).isEqualTo(GROUP_KEY);
      assertThat(a.thread.getFingerprint()).isEqualTo("group:g-7f3a");
      assertThat(a.thread.getResolvedAt()).isNull();
    });
  }

  @Test
  void theFlushInWhichNoAlertOfTheGroupFiresClosesItsThread() {
    SlackSender sender = sender(new SlackThreads(log, 10));
    send(sender, flush(1, 3));
    server.enqueue(Answer.of(200, REPLY));
    server.enqueue(Answer.of(200, UPDATED));

    send(sender, flush(2, 0));
    server.enqueue(Answer.of(200, "{\"ok\":true,\"channel\":\"C0123456789\",\"ts\":\"1763800099.000300\"}"));
    send(sender, flush(3, 1));

    List<Recorded> calls = server.requests();
    assertThat(SlackApiSenderTest.form(calls.get(1).body()).get("thread_ts")).isEqualTo("1763800000.000100");
    assertThat(SlackApiSenderTest.form(calls.get(2).body()).get("text")).startsWith("Resolved: disk-usage");
    assertThat(log.appended).extracting(a -> a.key).containsExactly(GROUP_KEY, GROUP_KEY, GROUP_KEY);
    assertThat(log.appended.get(1).thread.getResolvedAt()).isNotNull();
    // The group fires again after it resolved: a new thread, as for an alert.
    assertThat(SlackApiSenderTest.form(calls.getLast().body())).doesNotContainKey("thread_ts");
    assertThat(log.appended.getLast().thread.getTs()).isEqualTo("1763800099.000300");
  }

  @Test
  void aGroupsMessageHasNoButtonsEvenWhereAnAlertsHas() {
    NotificationRequest group = flush(1, 3);
    group.getTarget().setSlack(SlackTarget.newBuilder().setChannel("#ops").setSigningSecretRef("env:ACME_SLACK_SIGNING")
        .build());
    NotificationRequest alert = NotificationRequest.newBuilder(firing("n-alert")).setTarget(group.getTarget()).build();
    SlackSender sender = sender(SlackThreads.inMemory());

    send(sender, group);
    server.enqueue(Answer.of(200, "{\"ok\":true,\"channel\":\"C0123456789\",\"ts\":\"1763800042.000100\"}"));
    send(sender, alert);

    assertThat(SlackApiSenderTest.form(server.requests().get(0).body()).get("attachments")).doesNotContain("\"actions\"");
    assertThat(SlackApiSenderTest.form(server.requests().get(1).body()).get("attachments")).contains("\"actions\"");
  }

  @Test
  void aDigestIsNeverThreadedAndHasNoButtonsEvenWithAFingerprintAndASigningSecret() {
    NotificationRequest first = Requests.digestRequest(Requests.slackChannel("#ops")).setFingerprint("fp-1").build();
    first.getTarget().setSlack(SlackTarget.newBuilder().setChannel("#ops").setSigningSecretRef("env:ACME_SLACK_SIGNING")
        .build());
    NotificationRequest next = NotificationRequest.newBuilder(first).setNotificationId("ntf-digest-2").build();
    SlackSender sender = sender(new SlackThreads(log, 10));

    assertThat(send(sender, first)).isInstanceOf(SendResult.Delivered.class);
    assertThat(send(sender, next)).isInstanceOf(SendResult.Delivered.class);

    assertThat(server.requests()).extracting(Recorded::path).containsExactly("/api/chat.postMessage", "/api/chat.postMessage");
    assertThat(server.requests()).allSatisfy(call -> {
      Map<String, String> form = SlackApiSenderTest.form(call.body());
      assertThat(form).doesNotContainKey("thread_ts");
      assertThat(form.get("attachments")).doesNotContain("\"actions\"");
    });
    assertThat(log.appended).isEmpty();
    assertThat(SlackButtons.apply(first)).isFalse();
  }

  private static NotificationRequest withFingerprint(NotificationRequest request, String fingerprint) {
    request.setFingerprint(fingerprint);
    return request;
  }

  @Test
  void aFailingLogLeavesTheMapUnchanged() {
    log.failing = true;
    SlackThreads threads = new SlackThreads(log, 10);
    SlackThread thread = SlackThread.newBuilder().setTenantId("acme").setTargetId("t").setFingerprint("f")
        .setChannelId("C1").setTs("1.1").setNotificationId("n").setPostedAt(java.time.Instant.EPOCH).build();

    assertThatThrownBy(() -> threads.record("k", thread)).isInstanceOf(SlackThreadLog.ThreadLogException.class);
    assertThat(threads.get("k")).isNull();
  }

  private static final class RecordingLog implements SlackThreadLog {
    record Appended(String key, SlackThread thread) {}

    final Map<String, SlackThread> restored = new HashMap<>();
    final List<Appended> appended = new CopyOnWriteArrayList<>();
    volatile boolean failing;

    @Override
    public Map<String, SlackThread> restore() {
      return restored;
    }

    @Override
    public void append(String key, SlackThread thread) {
      if (failing) {
        throw new ThreadLogException("not acknowledged within 10s", null);
      }
      appended.add(new Appended(key, thread));
    }
  }
}
