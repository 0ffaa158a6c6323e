package io.klaxon.notifier.webhook;

import io.klaxon.events.NotificationRequest;
import io.klaxon.events.WebhookTarget;
import io.klaxon.notifier.delivery.HttpStatusClassifier;
import io.klaxon.notifier.delivery.RetryAfter;
import io.klaxon.notifier.delivery.SendResult;
import io.klaxon.notifier.delivery.Sender;
import io.klaxon.notifier.delivery.TransportFailures;
import io.klaxon.notifier.render.WebhookMessage;
import io.klaxon.ops.secret.Secret;
import io.klaxon.ops.secret.TenantSecrets;
import io.klaxon.ops.secret.SecretUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okhttp3.MediaType;

/**
 * Posts the signed JSON payload to a tenant's webhook through the {@link GuardedHttpClient}.
 * Headers follow Standard Webhooks: {@code webhook-id} (the notification id, stable across
 * retries, so receivers can drop repeats), {@code webhook-timestamp} (Unix seconds) and {@code
 * webhook-signature} ({@link WebhookSigner}). The destination passes the {@link DestinationGuard}
 * and is connected to at the address the guard checked; redirects are never followed (a 3xx is a
 * permanent failure); the call timeout bounds every call as a whole, body included. Thread-safe.
 */
public final class WebhookSender implements Sender<WebhookMessage> {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final GuardedHttpClient http;
  private final TenantSecrets secrets;
  private final InstantSource clock;

  public WebhookSender(GuardedHttpClient http, TenantSecrets secrets, InstantSource clock) {
    this.http = Objects.requireNonNull(http, "http");
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * @param connectTimeout how long connecting may take
   * @param requestTimeout how long a whole call may take, connect and body included
   */
  public WebhookSender(DestinationGuard guard, TenantSecrets secrets, Duration connectTimeout, Duration requestTimeout,
      InstantSource clock) {
    this(new GuardedHttpClient(guard, connectTimeout, requestTimeout), secrets, clock);
  }

  @Override
  public SendResult send(NotificationRequest request, WebhookMessage message) {
    WebhookTarget target = request.getTarget().getWebhook();
    if (target == null) {
      return new SendResult.Permanent("target is not a webhook target");
    }
    Optional<GuardedHttpClient.Destination> destination = http.destination(target.getUrl());
    if (destination.isEmpty()) {
      return new SendResult.Permanent("webhook URL is not a valid http(s) URL");
    }
    Secret secret;
    try {
      secret = secrets.resolve(request.getTenantId(), target.getSecretRef());
    } catch (SecretUnavailableException e) {
      return new SendResult.Permanent(e.getMessage());
    }
    if (!WebhookSigner.hasKey(secret)) {
      return new SendResult.Permanent("secret " + target.getSecretRef().strip() + " holds an empty whsec_ key");
    }
    String id = request.getNotificationId();
    long timestamp = clock.instant().getEpochSecond();
    String body = message.body();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("User-Agent", "Klaxon-Notifier/1");
    headers.put("webhook-id", id);
    headers.put("webhook-timestamp", Long.toString(timestamp));
    headers.put("webhook-signature", WebhookSigner.sign(secret, id, timestamp, body));
    try {
      GuardedHttpClient.Answer answer = http.post(destination.get(), headers, JSON, body.getBytes(StandardCharsets.UTF_8));
      return HttpStatusClassifier.classify("webhook", answer.status(), RetryAfter.parse(answer.retryAfter(), clock.instant()));
    } catch (DestinationRefusedException e) {
      return new SendResult.Permanent(e.getMessage());
    } catch (IOException e) {
      return TransportFailures.classify("webhook", e);
    }
  }
}
