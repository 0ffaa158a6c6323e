package io.klaxon.sinks;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import io.klaxon.ops.OpsServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local webhook endpoint on 127.0.0.1 that verifies Standard Webhooks signatures
 * ({@link WebhookSignatureVerifier}) with secrets configured per path prefix.
 *
 * <p>{@code POST /hooks/<anything>} is answered 204 when the signature is valid and 401 otherwise
 * (in accept-all mode always 204). Failures can be injected so retries and dead-lettering show:
 * paths containing {@code /fail}, and a configured random fraction, are answered 503 (after the
 * signature check). Every delivery is recorded in the {@link Inbox} with its signature status,
 * answer, and how many times its {@code webhook-id} has arrived ({@link #deliveries(String)}).
 * Thread-safe; {@link #close()} stops the server.
 */
public final class WebhookReceiver implements AutoCloseable {
  /** Replaced whole when a secret is added, so a request reads one consistent table. */
  private volatile WebhookReceiverSettings settings;
  private final Inbox inbox;
  private final InstantSource clock;
  private final WebhookSignatureVerifier verifier;
  private final Random failures;
  /** Webhook ids remembered for repeat counting. */
  static final int REMEMBERED_IDS = 100_000;

  private final BoundedIndex<String, AtomicInteger> deliveriesById = new BoundedIndex<>(REMEMBERED_IDS);
  private final LoopbackHttpServer server;

  private WebhookReceiver(WebhookReceiverSettings settings, Inbox inbox, InstantSource clock) throws IOException {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.verifier = new WebhookSignatureVerifier(settings.tolerance());
    this.failures = new Random(settings.failureSeed());
    this.server = LoopbackHttpServer.start(settings.port(), Map.of(
        "/hooks/", this::handle,
        "/", exchange -> OpsServer.respond(exchange, 404, "text/plain; charset=utf-8", "not found")));
  }

  /**
   * Starts the receiver on the system clock.
   *
   * @throws IOException when the port cannot be bound
   */
  public static WebhookReceiver start(WebhookReceiverSettings settings, Inbox inbox) throws IOException {
    return new WebhookReceiver(settings, inbox, InstantSource.system());
  }

  /** Starts the receiver with a given clock (for timestamp checks). */
  public static WebhookReceiver start(WebhookReceiverSettings settings, Inbox inbox, InstantSource clock)
      throws IOException {
    return new WebhookReceiver(settings, inbox, clock);
  }

  public int port() {
    return server.port();
  }

  /**
   * Adds (or replaces) the signing secret of a path prefix while the receiver runs (a tenant
   * applied to a running stack); deliveries checked after this call use it. Thread-safe.
   */
  public synchronized void addSecret(String pathPrefix, String secret) {
    settings = settings.withSecret(pathPrefix, secret);
  }

  /** A URL on this receiver: {@code http://127.0.0.1:<port>/hooks/<path>}. */
  public String url(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    return server.url() + "/hooks/" + trimmed;
  }

  /** How many deliveries carried this {@code webhook-id} (0 when none or long forgotten). */
  public int deliveries(String webhookId) {
    AtomicInteger count = deliveriesById.get(webhookId);
    return count == null ? 0 : count.get();
  }

  /** Deliveries that repeated an earlier {@code webhook-id} (among the last {@value #REMEMBERED_IDS} ids). */
  public long repeats() {
    return deliveriesById.values().stream().mapToLong(c -> Math.max(0, c.get() - 1)).sum();
  }

  /** The webhook deliveries in the inbox, newest first. */
  public List<WebhookCapture> received() {
    List<WebhookCapture> out = new ArrayList<>();
    for (InboxEntry entry : inbox.list(InboxQuery.of(null, SinkChannel.WEBHOOK.id()))) {
      out.add((WebhookCapture) entry.capture());
    }
    return out;
  }

  @Override
  public void close() {
    server.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", "POST");
      OpsServer.respond(exchange, 405, "text/plain; charset=utf-8", "method not allowed");
      return;
    }
    String path = exchange.getRequestURI().getPath();
    byte[] body = LoopbackHttpServer.body(exchange);
    Headers headers = exchange.getRequestHeaders();
    String id = headers.getFirst("webhook-id");
    SignatureStatus status = verifier.verify(settings.secretFor(path), id, headers.getFirst("webhook-timestamp"),
        headers.getFirst("webhook-signature"), body, clock.instant());
    int delivery = id == null || id.isBlank() ? 1 : deliveriesById.computeIfAbsent(id, k -> new AtomicInteger())
        .incrementAndGet();
    int answer;
    if (status != SignatureStatus.VALID && !settings.acceptAll()) {
      answer = 401;
    } else if (injectFailure(path)) {
      answer = 503;
    } else {
      answer = 204;
    }
    String text = new String(body, StandardCharsets.UTF_8);
    inbox.add(new WebhookCapture(clock.instant(), TenantAttribution.webhook(WebhookPayload.parse(text), path), path, id,
        status, delivery, text, answer));
    if (answer == 204) {
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    } else {
      OpsServer.respond(exchange, answer, "text/plain; charset=utf-8",
          answer == 401 ? "signature " + status.name().toLowerCase(java.util.Locale.ROOT) : "failure injected");
    }
  }

  private boolean injectFailure(String path) {
    if (path.contains("/fail")) {
      return true;
    }
    if (settings.failureFraction() <= 0) {
      return false;
    }
    synchronized (failures) {
      return failures.nextDouble() < settings.failureFraction();
    }
  }
}
