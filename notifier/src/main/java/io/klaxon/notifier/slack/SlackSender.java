package io.klaxon.notifier.slack;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.request.chat.ChatPostMessageRequest;
import com.slack.api.methods.request.chat.ChatUpdateRequest;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.model.Attachment;
import com.slack.api.model.Message;
import com.slack.api.util.http.SlackHttpClient;
import com.slack.api.util.json.GsonFactory;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.SlackTarget;
import io.klaxon.events.SlackThread;
import io.klaxon.notifier.delivery.HttpStatusClassifier;
import io.klaxon.notifier.delivery.RetryAfter;
import io.klaxon.notifier.delivery.SendResult;
import io.klaxon.notifier.delivery.Sender;
import io.klaxon.notifier.delivery.TransportFailures;
import io.klaxon.notifier.render.NotificationStatus;
import io.klaxon.notifier.render.SlackMessage;
import io.klaxon.ops.secret.Secret;
import io.klaxon.ops.secret.TenantSecrets;
import io.klaxon.ops.secret.SecretUnavailableException;
import io.klaxon.notifier.webhook.DestinationGuard;
import io.klaxon.notifier.webhook.DestinationRefusedException;
import io.klaxon.notifier.webhook.GuardedHttpClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import io.klaxon.topics.SlackThreadKeys;
import okhttp3.MediaType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts a rendered {@link SlackMessage}: to the target's incoming webhook when it names one (the
 * URL is a secret, resolved by reference, and posted to through the SSRF guard's {@link
 * GuardedHttpClient}: never to an internal address, never redirected, never through a proxy), else
 * with the Slack SDK's {@code chat.postMessage} and the notifier's bot token. The blocks travel in
 * one attachment so the severity colour shows. Slack is asked not to parse anything into a link or
 * mention ({@code parse=none}, {@code link_names=false}, verbatim mrkdwn: {@link VerbatimMrkdwn}).
 * Answers are classified: HTTP 429 is retryable after exactly its Retry-After; 5xx and Slack's
 * transient API errors are retryable; other refusals are permanent. Reasons never quote a URL,
 * token or transport message. Thread-safe.
 *
 * <p>A notification delivered again through the API (a retry after Slack had in fact accepted the
 * first attempt, a redelivery after a rebalance) updates the message it was posted as with
 * {@code chat.update} instead of posting a second one, as long as this notifier remembers it (the
 * most recent {@value #DEFAULT_REMEMBERED} notification ids, in memory). When Slack no longer has
 * that message the notification is posted again. Incoming webhooks cannot edit messages: there a
 * repeat is posted again.
 */
public final class SlackSender implements Sender<SlackMessage> {
  private static final Logger LOG = LoggerFactory.getLogger(SlackSender.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final Set<String> TRANSIENT_ERRORS =
      Set.of("ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout");

  /** The Slack message metadata event type of Klaxon notifications. */
  public static final String METADATA_EVENT_TYPE = "klaxon_notification";
  /** How many posted notifications are remembered for updates by default. */
  public static final int DEFAULT_REMEMBERED = 100_000;
  /** chat.update errors after which the notification is posted anew. */
  private static final Set<String> GONE_ERRORS =
      Set.of("message_not_found", "cant_update_message", "channel_not_found", "edit_window_closed");
  /** chat.postMessage's answer to a reply whose thread Slack no longer has. */
  private static final String THREAD_GONE = "thread_not_found";

  private final Slack slack;
  private final Gson gson;
  private final GuardedHttpClient webhooks;
  private final TenantSecrets secrets;
  private final Secret botToken;
  private final InstantSource clock;
  private final PostedMessages posted;
  private final SlackThreads threads;

  /**
   * @param config SDK settings: methods endpoint prefix (a local server in tests and the local
   *     stack) and HTTP timeouts
   * @param webhookGuard the SSRF guard for incoming-webhook URLs, which tenants supply
   * @param botToken token for chat.postMessage, or null when only incoming webhooks are used
   */
  public SlackSender(SlackConfig config, DestinationGuard webhookGuard, TenantSecrets secrets, Secret botToken,
      InstantSource clock) {
    this(config, webhookGuard, secrets, botToken, clock, DEFAULT_REMEMBERED, SlackThreads.inMemory());
  }

  /**
   * @param remembered how many posted notifications to remember for updates
   * @param threads the alerts' threads (durable in the running notifier)
   */
  public SlackSender(SlackConfig config, DestinationGuard webhookGuard, TenantSecrets secrets, Secret botToken,
      InstantSource clock, int remembered, SlackThreads threads) {
    // The SDK's own client, except that it never posts a message again by itself when a
    // connection breaks after the request was sent (OkHttp's default): Slack would show it twice,
    // and every attempt is the retry loop's to decide, count and pace.
    SlackHttpClient http = new SlackHttpClient(SlackHttpClient.buildOkHttpClient(Objects.requireNonNull(config, "config"))
        .newBuilder().retryOnConnectionFailure(false).build());
    http.setConfig(config);
    this.slack = Slack.getInstance(config, http);
    this.gson = GsonFactory.createSnakeCase(config);
    // Incoming-webhook URLs come from tenants: the SSRF guard's client, bounded by the same call timeout.
    Duration callTimeout = Duration.ofMillis(config.getHttpClientCallTimeoutMillis());
    this.webhooks = new GuardedHttpClient(Objects.requireNonNull(webhookGuard, "webhookGuard"), callTimeout, callTimeout);
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    this.botToken = botToken;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.posted = new PostedMessages(remembered);
    this.threads = Objects.requireNonNull(threads, "threads");
  }

  /**
   * SDK settings for a methods endpoint ({@code https://slack.com/api/} in production) and a
   * timeout bounding each call.
   */
  public static SlackConfig config(String methodsEndpointUrlPrefix, Duration timeout) {
    SlackConfig config = new SlackConfig();
    String prefix = methodsEndpointUrlPrefix.endsWith("/") ? methodsEndpointUrlPrefix : methodsEndpointUrlPrefix + "/";
    config.setMethodsEndpointUrlPrefix(prefix);
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    config.setHttpClientCallTimeoutMillis(millis);
    config.setHttpClientReadTimeoutMillis(millis);
    config.setHttpClientWriteTimeoutMillis(millis);
    config.setPrettyResponseLoggingEnabled(false);
    config.setTokenExistenceVerificationEnabled(false);
    // The SDK's statistics call auth.test before every first use of a token: an extra call per send we do not want.
    config.setStatsEnabled(false);
    return config;
  }

  /**
   * Slack limits posting to about one message a second per channel, so every notification to the
   * same channel, or to the same incoming webhook (by its reference, never its URL), shares a pace.
   */
  @Override
  public Optional<String> pacingKey(NotificationRequest request) {
    SlackTarget target = request.getTarget().getSlack();
    if (target == null) {
      return Optional.empty();
    }
    return Optional.of(target.getWebhookUrlRef() != null
        ? "webhook:" + target.getWebhookUrlRef()
        : "channel:" + target.getChannel());
  }

  @Override
  public SendResult send(NotificationRequest request, SlackMessage message) {
    SlackTarget target = request.getTarget().getSlack();
    if (target == null) {
      return new SendResult.Permanent("target is not a Slack target");
    }
    try {
      if (target.getWebhookUrlRef() != null) {
        return viaWebhook(request, target, message);
      }
      return viaApi(request, target, message);
    } catch (SecretUnavailableException e) {
      return new SendResult.Permanent(e.getMessage());
    } catch (DestinationRefusedException e) {
      return new SendResult.Permanent(e.getMessage());
    } catch (IOException e) {
      return TransportFailures.classify("Slack", e);
    }
  }

  private SendResult viaWebhook(NotificationRequest request, SlackTarget target, SlackMessage message) throws IOException {
    Secret url = secrets.resolve(request.getTenantId(), target.getWebhookUrlRef());
    Optional<GuardedHttpClient.Destination> destination = webhooks.destination(url.reveal());
    if (destination.isEmpty()) {
      return new SendResult.Permanent("secret " + target.getWebhookUrlRef().strip() + " is not an http(s) URL");
    }
    JsonObject payload = SlackPayload.body(message, gson);
    GuardedHttpClient.Answer answer = webhooks.post(destination.get(), Map.of(), JSON,
        gson.toJson(payload).getBytes(StandardCharsets.UTF_8));
    return HttpStatusClassifier.classify("Slack webhook", answer.status(), RetryAfter.parse(answer.retryAfter(), clock.instant()));
  }

  private SendResult viaApi(NotificationRequest request, SlackTarget target, SlackMessage message) throws IOException {
    if (botToken == null) {
      return new SendResult.Permanent("Slack target has no webhook and no bot token is configured");
    }
    String key = threadKey(request);
    if (key == null) {
      return deliverViaApi(request, target, message, SlackPayload.attachment(message), null);
    }
    ReentrantLock lock = threads.lock(key);
    lock.lock();
    try {
      return deliverViaApi(request, target, message, SlackPayload.attachment(message), key);
    } finally {
      lock.unlock();
    }
  }

  /**
   * One delivery through the API. A notification posted before is updated in place. Otherwise an
   * alert or group with an open thread replies in it and updates the thread's first message;
   * without one it is posted as a new message, which a firing alert's (or group's) later
   * notifications then thread under.
   */
  private SendResult deliverViaApi(NotificationRequest request, SlackTarget target, SlackMessage message,
      Attachment attachment, String key) throws IOException {
    boolean resolved = NotificationStatus.resolved(request);
    Attachment withButtons = resolved || target.getSigningSecretRef() == null || key == null
        || !SlackButtons.apply(request) ? attachment : SlackButtons.addTo(attachment, request);
    String attachments = gson.toJson(VerbatimMrkdwn.attachments(List.of(withButtons), gson));
    Message.Metadata metadata = Message.Metadata.builder().eventType(METADATA_EVENT_TYPE)
        .eventPayload(Map.of("notification_id", request.getNotificationId(), "tenant_id", request.getTenantId()))
        .build();
    try {
      PostedMessages.Posted earlier = posted.get(request.getNotificationId());
      if (earlier != null) {
        ChatUpdateResponse response = update(earlier.channelId(), earlier.ts(), message, attachments, metadata);
        if (response.isOk()) {
          return settleThread(request, key, earlier, resolved);
        }
        String error = response.getError() == null ? "unknown_error" : response.getError();
        if (!GONE_ERRORS.contains(error)) {
          return apiError(error);
        }
        posted.forget(request.getNotificationId());
        SlackThread gone = key == null ? null : threads.get(key);
        if (gone != null && gone.getTs().equals(earlier.ts()) && gone.getChannelId().equals(earlier.channelId())) {
          // The thread's first message is gone: this notification starts the alert's thread again.
          threads.forget(key);
        }
      }
      SlackThread thread = key == null ? null : threads.get(key);
      boolean reply = thread != null && thread.getResolvedAt() == null;
      ChatPostMessageRequest.ChatPostMessageRequestBuilder post = ChatPostMessageRequest.builder()
          .channel(reply ? thread.getChannelId() : target.getChannel())
          .text(message.text())
          .attachmentsAsString(attachments)
          .parse("none")
          .linkNames(false)
          .unfurlLinks(false)
          .unfurlMedia(false)
          // Message metadata carries the notification id, so a repeat is recognisable in the channel.
          .metadata(metadata);
      if (reply) {
        post.threadTs(thread.getTs());
      }
      ChatPostMessageResponse response = slack.methods(botToken.reveal()).chatPostMessage(post.build());
      if (!response.isOk() && reply && THREAD_GONE.equals(response.getError())) {
        // The thread's first message was deleted (or Slack no longer has it): start the thread again
        // with this notification, in the target's channel, rather than lose it.
        LOG.info("Slack has no thread {} any more; posting the notification as a new message", key);
        threads.forget(key);
        return deliverViaApi(request, target, message, attachment, key);
      }
      if (!response.isOk()) {
        return apiError(response.getError() == null ? "unknown_error" : response.getError());
      }
      if (response.getChannel() == null || response.getTs() == null) {
        return new SendResult.Delivered(200);
      }
      PostedMessages.Posted now = new PostedMessages.Posted(response.getChannel(), response.getTs(), reply);
      posted.remember(request.getNotificationId(), now);
      if (reply) {
        // The first message shows the alert's latest state; a failed update leaves the reply standing.
        ChatUpdateResponse first = update(thread.getChannelId(), thread.getTs(), message, attachments, null);
        if (!first.isOk() && !GONE_ERRORS.contains(first.getError())) {
          LOG.warn("Slack kept the first message of thread {} unchanged: {}", key, first.getError());
        }
      }
      return settleThread(request, key, now, resolved);
    } catch (SlackApiException e) {
      int status = e.getResponse() == null ? 0 : e.getResponse().code();
      String retryAfter = e.getResponse() == null ? null : e.getResponse().header("Retry-After");
      return HttpStatusClassifier.classify("Slack API", status, RetryAfter.parse(retryAfter, clock.instant()));
    }
  }

  private ChatUpdateResponse update(String channelId, String ts, SlackMessage message, String attachments,
      Message.Metadata metadata) throws IOException, SlackApiException {
    return slack.methods(botToken.reveal()).chatUpdate(ChatUpdateRequest.builder()
        .channel(channelId)
        .ts(ts)
        .text(message.text())
        .attachmentsAsString(attachments)
        .parse("none")
        .linkNames(false)
        .metadata(metadata)
        .build());
  }

  /**
   * Brings the thread map in step with a delivered message: a firing alert's first message starts
   * its thread, a resolution closes it. Idempotent, so a retry after a failed write repeats only
   * the write (the message itself is then updated, not posted again).
   */
  private SendResult settleThread(NotificationRequest request, String key, PostedMessages.Posted message,
      boolean resolved) {
    if (key == null) {
      return new SendResult.Delivered(200);
    }
    SlackThread thread = threads.get(key);
    boolean open = thread != null && thread.getResolvedAt() == null;
    try {
      if (!resolved && !open && !message.reply()) {
        threads.record(key, SlackThread.newBuilder()
            .setTenantId(request.getTenantId())
            .setTargetId(request.getTarget().getId())
            .setFingerprint(request.getFingerprint())
            .setChannelId(message.channelId())
            .setTs(message.ts())
            .setNotificationId(request.getNotificationId())
            .setPostedAt(clock.instant())
            .setResolvedAt(null)
            .build());
      } else if (resolved && open) {
        threads.record(key, SlackThread.newBuilder(thread).setResolvedAt(clock.instant()).build());
      }
    } catch (SlackThreadLog.ThreadLogException e) {
      // Delivered, but the thread would not survive a restart: retried, which updates the message and writes again.
      return new SendResult.Retryable(Duration.ZERO, "Slack thread not recorded: " + e.getMessage(), 200);
    }
    return new SendResult.Delivered(200);
  }

  /**
   * The thread key of an alert or group notification, or null for a summary, a digest or a
   * notification without fingerprint. A group's fingerprint is {@code group:<groupKey>}, so each of
   * its flushes replies in the thread of its first and updates that first message, and the flush in
   * which none of its alerts fires any more closes the thread ({@link NotificationStatus#resolved}).
   * A digest stands alone: each window's is a new message, and nothing later resolves it.
   */
  private static String threadKey(NotificationRequest request) {
    boolean threaded = switch (request.getType()) {
      case ALERT, GROUP -> true;
      case SUPPRESSION_SUMMARY, DIGEST -> false;
    };
    if (!threaded || request.getFingerprint() == null || request.getFingerprint().isEmpty()) {
      return null;
    }
    return SlackThreadKeys.of(request.getTenantId(), request.getTarget().getId(), request.getFingerprint());
  }

  private static SendResult apiError(String error) {
    if (TRANSIENT_ERRORS.contains(error)) {
      return new SendResult.Retryable(Duration.ZERO, "Slack API error " + error, 200);
    }
    return new SendResult.Permanent("Slack API error " + error, 200);
  }

}
