package io.klaxon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.klaxon.sinks.inbox.SignatureStatus;
import io.klaxon.sinks.webhook.WebhookSignatureVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The benchmark's webhook endpoint on 127.0.0.1: verifies every delivery's Standard Webhooks
 * signature, counts deliveries per tenant (the path is {@code /hooks/<tenant>}), recognises
 * repeats by {@code webhook-id}, and records latency from the alert's {@code occurredAt} (stamped
 * by the load generator when it sent the alert) to arrival, separately for the storm tenant and
 * for everyone else. When given an {@link ArrivalTracker} it also reports each alert's event id
 * there ({@link #track} changes which). {@link #startWindow()} starts counting a phase's deliveries apart ({@link ArrivalWindow}).
 * Counts arrivals by notification id ({@link #arrivals()}), for the chaos verifier. Answers 204 at
 * once, unless {@link #faults} names a fault for the tenant (the chaos scenarios' hostile
 * endpoints); requests are handled on virtual threads.
 */
public final class SignedWebhookSink implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final WebhookSignatureVerifier verifier = new WebhookSignatureVerifier(Duration.ofMinutes(5));
  private final String secret;
  private final AtomicReference<ArrivalTracker> tracker;
  private final Map<String, LongAdder> perTenant = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> arrivals = new ConcurrentHashMap<>();
  private final LongAdder faultsAnswered = new LongAdder();
  private volatile WebhookFaults faults = WebhookFaults.NONE;
  private volatile java.util.Set<String> affected = java.util.Set.of();
  private final LatencyRecorder unaffectedLatency = new LatencyRecorder();
  private final LongAdder deliveries = new LongAdder();
  private final LongAdder repeats = new LongAdder();
  private final LongAdder badSignatures = new LongAdder();
  private final AtomicLong lastArrivalMillis = new AtomicLong();
  private final LatencyRecorder stormLatency = new LatencyRecorder();
  private final LatencyRecorder othersLatency = new LatencyRecorder();
  private volatile ArrivalWindow window = new ArrivalWindow();

  /**
   * @param secret the signing secret every target shares
   * @param tracker where event-id arrivals go, or null
   */
  public SignedWebhookSink(String secret, ArrivalTracker tracker) throws IOException {
    this.secret = secret;
    this.tracker = new AtomicReference<>(tracker);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
    server.setExecutor(executor);
    server.createContext("/hooks/", this::handle);
    server.start();
  }

  private void handle(HttpExchange exchange) throws IOException {
    long nowMillis = System.currentTimeMillis();
    long nowNanos = System.nanoTime();
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readAllBytes();
      String id = exchange.getRequestHeaders().getFirst("webhook-id");
      SignatureStatus status = verifier.verify(secret, id, exchange.getRequestHeaders().getFirst("webhook-timestamp"),
          exchange.getRequestHeaders().getFirst("webhook-signature"), body, Instant.ofEpochMilli(nowMillis));
      if (status != SignatureStatus.VALID) {
        badSignatures.increment();
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      String tenant = exchange.getRequestURI().getPath().substring("/hooks/".length());
      WebhookFaults.Fault fault = faults.faultFor(tenant);
      if (fault != null) {
        faultsAnswered.increment();
        fault.answer(exchange);
        return;
      }
      deliveries.increment();
      window.arrived(nowMillis, body, exchange.getRemoteAddress().getPort());
      LongAdder seen = arrivals.computeIfAbsent(id, k -> new LongAdder());
      seen.increment();
      if (seen.sum() > 1) {
        repeats.increment();
      }
      perTenant.computeIfAbsent(tenant, t -> new LongAdder()).increment();
      lastArrivalMillis.accumulateAndGet(nowMillis, Math::max);
      JsonNode alert = JSON.readTree(body).path("alert");
      if (alert.hasNonNull("occurredAt")) {
        long latencyMillis = nowMillis - Instant.parse(alert.get("occurredAt").asText()).toEpochMilli();
        (BenchTenants.STORM_TENANT.equals(tenant) ? stormLatency : othersLatency).recordNanos(latencyMillis * 1_000_000L);
        if (!affected.contains(tenant)) {
          unaffectedLatency.recordNanos(latencyMillis * 1_000_000L);
        }
      }
      ArrivalTracker current = tracker.get();
      if (current != null && alert.hasNonNull("eventId")) {
        current.arrived(alert.get("eventId").asText(), nowNanos);
      }
      exchange.sendResponseHeaders(204, -1);
    } catch (RuntimeException e) {
      exchange.sendResponseHeaders(400, -1);
    } finally {
      exchange.close();
    }
  }

  /**
   * Starts a new window of valid deliveries (count, first and last arrival, body bytes, client
   * connections, a sample body) and returns it; {@link ArrivalWindow#snapshot()} reads it.
   */
  public ArrivalWindow startWindow() {
    ArrivalWindow fresh = new ArrivalWindow();
    window = fresh;
    return fresh;
  }

  /** Reports event-id arrivals to {@code next} (or nowhere, when null) from now on. */
  public void track(ArrivalTracker next) {
    tracker.set(next);
  }

  /** Answers deliveries to the tenants {@code next} names with its faults from now on ({@link WebhookFaults#NONE}: none). */
  public void faults(WebhookFaults next) {
    faults = next;
  }

  /** Leaves {@code tenants} out of {@link #unaffectedLatency()} (the tenants whose endpoints misbehave). */
  public void affected(java.util.Set<String> tenants) {
    affected = java.util.Set.copyOf(tenants);
  }

  /** occurredAt → arrival for the tenants not named by {@link #affected}. */
  public LatencyRecorder unaffectedLatency() {
    return unaffectedLatency;
  }

  /** Deliveries answered with a fault instead of being accepted. */
  public long faultsAnswered() {
    return faultsAnswered.sum();
  }

  /** Accepted deliveries by notification id ({@code webhook-id}): how often each arrived. */
  public Map<String, Integer> arrivals() {
    Map<String, Integer> out = new java.util.HashMap<>();
    arrivals.forEach((id, count) -> out.put(id, count.intValue()));
    return out;
  }

  /** The signing secret every target shares, for a load generator that signs as the notifier does. */
  public String secret() {
    return secret;
  }

  /** The base URL targets append {@code /hooks/<tenant>} to. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Deliveries with a valid signature, repeats included. */
  public long deliveries() {
    return deliveries.sum();
  }

  /** Deliveries whose webhook-id had arrived before. */
  public long repeats() {
    return repeats.sum();
  }

  public long badSignatures() {
    return badSignatures.sum();
  }

  /** Valid deliveries to one tenant. */
  public long deliveries(String tenant) {
    LongAdder count = perTenant.get(tenant);
    return count == null ? 0 : count.sum();
  }

  /** Valid deliveries to every tenant but the storm tenant. */
  public long othersDeliveries() {
    return deliveries() - deliveries(BenchTenants.STORM_TENANT);
  }

  /** Wall-clock millis of the latest delivery, 0 before any. */
  public long lastArrivalMillis() {
    return lastArrivalMillis.get();
  }

  /** occurredAt → arrival for the storm tenant's alerts. */
  public LatencyRecorder stormLatency() {
    return stormLatency;
  }

  /** occurredAt → arrival for every other tenant's alerts. */
  public LatencyRecorder othersLatency() {
    return othersLatency;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
