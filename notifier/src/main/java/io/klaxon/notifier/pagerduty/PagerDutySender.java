package io.klaxon.notifier.pagerduty;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.PagerDutyTarget;
import io.klaxon.notifier.delivery.ChannelPacer;
import io.klaxon.notifier.delivery.HttpStatusClassifier;
import io.klaxon.notifier.delivery.RetryAfter;
import io.klaxon.notifier.delivery.SendResult;
import io.klaxon.notifier.delivery.Sender;
import io.klaxon.notifier.delivery.TransportFailures;
import io.klaxon.notifier.render.PagerDutyEventRenderer;
import io.klaxon.notifier.render.PagerDutyMessage;
import io.klaxon.ops.secret.Secret;
import io.klaxon.ops.secret.SecretUnavailableException;
import io.klaxon.ops.secret.TenantSecrets;
import io.klaxon.notifier.webhook.DestinationRefusedException;
import io.klaxon.notifier.webhook.GuardedHttpClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okhttp3.MediaType;

/**
 * Sends a {@link PagerDutyMessage} to the PagerDuty Events API v2: the event with the target's
 * routing key, resolved by reference within the tenant's secrets ({@link TenantSecrets}), posted
 * through the SSRF guard's {@link GuardedHttpClient} (never to an internal address unless
 * allowlisted, never redirected, never through a proxy). PagerDuty answers 202 when it accepted the
 * event; 429 (its per-routing-key limit) and 5xx are retryable, a 429 after its Retry-After when it
 * sends one; 400 (an invalid event or key) and other refusals are permanent, and so is a
 * notification that is no incident (a suppression summary, a digest: {@link
 * PagerDutyEventRenderer#refusal}), which is never posted. Every event to one
 * routing key shares a pace ({@link #pacingKey}: a digest of the key's reference, never the key;
 * {@link #pace}: {@link #DEFAULT_PACE} unless configured, within PagerDuty's 120 events a minute).
 * Reasons never quote the key or the URL. Thread-safe.
 */
public final class PagerDutySender implements Sender<PagerDutyMessage> {
  /** PagerDuty's Events API v2 endpoint. */
  public static final String DEFAULT_EVENTS_URL = "https://events.pagerduty.com/v2/enqueue";
  /** Two events a second per routing key, ten at once: PagerDuty allows 120 a minute. */
  public static final ChannelPacer.Pace DEFAULT_PACE = new ChannelPacer.Pace(2.0, 10);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final GuardedHttpClient http;
  private final TenantSecrets secrets;
  private final String defaultEventsUrl;
  private final InstantSource clock;
  private final ChannelPacer.Pace pace;
  private final ObjectMapper mapper = new ObjectMapper();

  /** @param defaultEventsUrl where events go when the target names no {@code eventsUrl} */
  public PagerDutySender(GuardedHttpClient http, TenantSecrets secrets, String defaultEventsUrl, InstantSource clock) {
    this(http, secrets, defaultEventsUrl, DEFAULT_PACE, clock);
  }

  /**
   * @param defaultEventsUrl where events go when the target names no {@code eventsUrl}
   * @param pace the pace of each routing key
   */
  public PagerDutySender(GuardedHttpClient http, TenantSecrets secrets, String defaultEventsUrl, ChannelPacer.Pace pace,
      InstantSource clock) {
    this.http = Objects.requireNonNull(http, "http");
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    this.defaultEventsUrl = Objects.requireNonNull(defaultEventsUrl, "defaultEventsUrl");
    this.pace = Objects.requireNonNull(pace, "pace");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Optional<ChannelPacer.Pace> pace() {
    return Optional.of(pace);
  }

  /** PagerDuty limits events per routing key: every event to the same key (by its reference and tenant) shares a pace. */
  @Override
  public Optional<String> pacingKey(NotificationRequest request) {
    PagerDutyTarget target = request.getTarget().getPagerduty();
    if (target == null) {
      return Optional.empty();
    }
    return Optional.of("routing-key:" + digest(request.getTenantId() + "\n" + target.getRoutingKeyRef().strip()));
  }

  @Override
  public SendResult send(NotificationRequest request, PagerDutyMessage message) {
    Optional<String> refusal = PagerDutyEventRenderer.refusal(request);
    if (refusal.isPresent()) {
      return new SendResult.Permanent(refusal.get());
    }
    PagerDutyTarget target = request.getTarget().getPagerduty();
    if (target == null) {
      return new SendResult.Permanent("target is not a PagerDuty target");
    }
    String endpoint = target.getEventsUrl() == null ? defaultEventsUrl : target.getEventsUrl();
    Optional<GuardedHttpClient.Destination> destination = http.destination(endpoint);
    if (destination.isEmpty()) {
      return new SendResult.Permanent("PagerDuty events URL is not a valid http(s) URL");
    }
    Secret routingKey;
    try {
      routingKey = secrets.resolve(request.getTenantId(), target.getRoutingKeyRef());
    } catch (SecretUnavailableException e) {
      return new SendResult.Permanent("pagerduty.routingKeyRef: " + e.getMessage());
    }
    String key = routingKey.reveal().strip();
    if (key.isEmpty()) {
      return new SendResult.Permanent("pagerduty.routingKeyRef: secret " + target.getRoutingKeyRef().strip() + " holds an empty routing key");
    }
    byte[] body;
    try {
      ObjectNode event = mapper.createObjectNode();
      event.put("routing_key", key);
      event.setAll((ObjectNode) mapper.readTree(message.event()));
      body = mapper.writeValueAsBytes(event);
    } catch (IOException | ClassCastException e) {
      return new SendResult.Permanent("rendered PagerDuty event is not a JSON object");
    }
    try {
      GuardedHttpClient.Answer answer = http.post(destination.get(), Map.of("User-Agent", "Klaxon-Notifier/1"), JSON, body);
      return HttpStatusClassifier.classify("PagerDuty", answer.status(), RetryAfter.parse(answer.retryAfter(), clock.instant()));
    } catch (DestinationRefusedException e) {
      return new SendResult.Permanent(e.getMessage());
    } catch (IOException e) {
      return TransportFailures.classify("PagerDuty", e);
    }
  }

  private static String digest(String text) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }
}
