package io.klaxon.notifier.webhook;

import io.klaxon.events.NotificationRequest;
import io.klaxon.events.WebhookTarget;
import io.klaxon.notifier.delivery.HttpStatusClassifier;
import io.klaxon.notifier.delivery.RetryAfter;
import io.klaxon.notifier.delivery.SendResult;
import io.klaxon.notifier.delivery.Sender;
import io.klaxon.notifier.render.WebhookMessage;
import io.klaxon.notifier.secret.Secret;
import io.klaxon.notifier.secret.SecretResolver;
import io.klaxon.notifier.secret.SecretUnavailableException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.Executors;

/**
 * Posts the signed JSON payload to a tenant's webhook with {@link HttpClient}. Headers follow
 * Standard Webhooks: {@code webhook-id} (the notification id, stable across retries, so receivers
 * can drop repeats), {@code webhook-timestamp} (Unix seconds) and {@code webhook-signature}
 * ({@link WebhookSigner}). The destination passes the {@link DestinationGuard} first; redirects
 * are never followed (a 3xx is a permanent failure); connect and request timeouts bound every
 * call. Thread-safe.
 */
public final class WebhookSender implements Sender<WebhookMessage> {
  private final HttpClient client;
  private final DestinationGuard guard;
  private final SecretResolver secrets;
  private final Duration requestTimeout;
  private final InstantSource clock;

  public WebhookSender(DestinationGuard guard, SecretResolver secrets, Duration connectTimeout, Duration requestTimeout,
      InstantSource clock) {
    this.guard = Objects.requireNonNull(guard, "guard");
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.client = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(connectTimeout)
        .executor(Executors.newVirtualThreadPerTaskExecutor())
        .build();
  }

  @Override
  public SendResult send(NotificationRequest request, WebhookMessage message) {
    WebhookTarget target = request.getTarget().getWebhook();
    if (target == null) {
      return new SendResult.Permanent("target is not a webhook target");
    }
    URI url;
    try {
      url = URI.create(target.getUrl().strip());
    } catch (IllegalArgumentException e) {
      return new SendResult.Permanent("webhook URL is not a valid URI");
    }
    switch (guard.check(url)) {
      case DestinationGuard.Verdict.Refused refused -> {
        return new SendResult.Permanent(refused.reason());
      }
      case DestinationGuard.Verdict.Unresolvable unresolvable -> {
        return new SendResult.Retryable(Duration.ZERO, unresolvable.reason());
      }
      case DestinationGuard.Verdict.Allowed allowed -> {
        // go on
      }
    }
    Secret secret;
    try {
      secret = secrets.resolve(target.getSecretRef());
    } catch (SecretUnavailableException e) {
      return new SendResult.Permanent(e.getMessage());
    }
    if (!WebhookSigner.hasKey(secret)) {
      return new SendResult.Permanent("secret " + target.getSecretRef().strip() + " holds an empty whsec_ key");
    }
    String id = request.getNotificationId();
    long timestamp = clock.instant().getEpochSecond();
    String body = message.body();
    HttpRequest httpRequest = HttpRequest.newBuilder(url)
        .timeout(requestTimeout)
        .header("Content-Type", "application/json; charset=utf-8")
        .header("User-Agent", "Klaxon-Notifier/1")
        .header("webhook-id", id)
        .header("webhook-timestamp", Long.toString(timestamp))
        .header("webhook-signature", WebhookSigner.sign(secret, id, timestamp, body))
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
    try {
      HttpResponse<Void> response = client.send(httpRequest, HttpResponse.BodyHandlers.discarding());
      Duration retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock.instant());
      return HttpStatusClassifier.classify("webhook", response.statusCode(), retryAfter);
    } catch (HttpTimeoutException e) {
      return new SendResult.Retryable(Duration.ZERO, "webhook timed out");
    } catch (ConnectException e) {
      return new SendResult.Retryable(Duration.ZERO, "webhook connection failed");
    } catch (IOException e) {
      return new SendResult.Retryable(Duration.ZERO, "webhook I/O error (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new SendResult.Retryable(Duration.ZERO, "webhook call interrupted");
    }
  }
}
