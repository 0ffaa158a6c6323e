package io.klaxon.bench.reference;

import io.klaxon.ops.secret.Secret;
import io.klaxon.notifier.webhook.WebhookSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A plain HTTP load generator, the reference for the notifier's webhook deliveries: the JDK
 * {@link HttpClient} configured as the notifier's webhook sender configures it (no redirects,
 * virtual-thread executor, HTTP version left at its default), {@code concurrency} loops each
 * sending one webhook after another, every one with the headers the notifier sends (Standard
 * Webhooks id, timestamp and HMAC-SHA256 signature, computed per request with the notifier's
 * {@link WebhookSigner}) and the same body. No Kafka, no rendering, no retries, no receipts: what
 * the receiver takes when nothing else is in the way. Not thread-safe; one run at a time.
 */
public final class WebhookLoadGenerator {
  private final URI url;
  private final Secret secret;
  private final String body;
  private final int concurrency;

  /**
   * @param url where to post
   * @param secret the signing secret
   * @param body the JSON body every request carries
   * @param concurrency requests in flight at once (the client keeps up to that many connections)
   */
  public WebhookLoadGenerator(URI url, String secret, String body, int concurrency) {
    this.url = url;
    this.secret = new Secret(secret);
    this.body = body;
    this.concurrency = Math.max(1, concurrency);
  }

  /**
   * Sends for {@code warmUp} unmeasured, runs {@code atMeasureStart}, then sends for {@code
   * measured}; returns once every loop has stopped.
   */
  public LoadGeneratorResult run(Duration warmUp, Duration measured, Runnable atMeasureStart)
      throws InterruptedException {
    HttpClient client = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5))
        .executor(Executors.newVirtualThreadPerTaskExecutor())
        .build();
    AtomicLong ids = new AtomicLong();
    try {
      return MeasuredLoops.run(concurrency, i -> () -> send(client, "reference-" + ids.incrementAndGet()),
          i -> Thread.ofVirtual().name("reference-webhook-" + i), warmUp, measured, atMeasureStart);
    } finally {
      client.close();
    }
  }

  private boolean send(HttpClient client, String id) {
    long timestamp = System.currentTimeMillis() / 1000;
    HttpRequest request = HttpRequest.newBuilder(url)
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json; charset=utf-8")
        .header("User-Agent", "Klaxon-Bench-Reference/1")
        .header("webhook-id", id)
        .header("webhook-timestamp", Long.toString(timestamp))
        .header("webhook-signature", WebhookSigner.sign(secret, id, timestamp, body))
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() / 100 == 2;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
