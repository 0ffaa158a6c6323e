package io.klaxon.ingest.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.klaxon.ingest.auth.Authentication;
import io.klaxon.ingest.mapping.PayloadFormat;
import io.klaxon.ingest.metrics.IngestMetrics;
import io.klaxon.ops.Health;
import io.klaxon.ops.OpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One ingest endpoint over HTTP: {@code POST} only; 503 until the service is ready (before the
 * tenants are read, every key would look unknown); the key is checked before the body is read; a
 * body longer than the limit is refused (413) without being kept, whether it announces its length
 * or not; then {@link Intake#accept}. Every request is counted by endpoint and status.
 * Thread-safe.
 */
public final class IngestEndpoint implements HttpHandler {
  private static final String JSON = "application/json; charset=utf-8";
  private static final Duration RETRY_WHILE_STARTING = Duration.ofSeconds(5);

  private final PayloadFormat format;
  private final Intake intake;
  private final Supplier<Health> readiness;
  private final IngestMetrics metrics;
  private final int maxBodyBytes;

  /**
   * @param format how this endpoint's bodies are written
   * @param readiness whether the service may take alerts
   * @param maxBodyBytes the longest body accepted
   */
  public IngestEndpoint(PayloadFormat format, Intake intake, Supplier<Health> readiness, IngestMetrics metrics,
      int maxBodyBytes) {
    this.format = Objects.requireNonNull(format, "format");
    this.intake = Objects.requireNonNull(intake, "intake");
    this.readiness = Objects.requireNonNull(readiness, "readiness");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    long start = System.nanoTime();
    try (exchange) {
      Answer answer = answer(exchange);
      answer.headers().forEach(exchange.getResponseHeaders()::set);
      // Counted before the answer goes out: a client that has its answer finds the request counted.
      metrics.request(format.name(), answer.status(), Duration.ofNanos(System.nanoTime() - start));
      OpsServer.respond(exchange, answer.status(), JSON, answer.body());
    }
  }

  private Answer answer(HttpExchange exchange) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      return Answer.methodNotAllowed();
    }
    Health health = readiness.get();
    if (!health.up()) {
      return Answer.unavailable("not ready: " + health.detail(), RETRY_WHILE_STARTING);
    }
    Authentication authentication = intake.authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
    if (authentication instanceof Authentication.Refused refused) {
      return Answer.refused(refused.refusal());
    }
    String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
    if (encoding != null && !encoding.isBlank() && !encoding.equalsIgnoreCase("identity")) {
      return Answer.unsupportedEncoding(encoding);
    }
    if (announcedLength(exchange) > maxBodyBytes) {
      return Answer.bodyTooLarge(maxBodyBytes);
    }
    byte[] body = read(exchange.getRequestBody());
    if (body == null) {
      return Answer.bodyTooLarge(maxBodyBytes);
    }
    return intake.accept(((Authentication.Authenticated) authentication).caller(), format, body);
  }

  private static long announcedLength(HttpExchange exchange) {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    try {
      return length == null ? -1 : Long.parseLong(length.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The body, or null when it is longer than the limit (a chunked body announces no length). */
  private byte[] read(InputStream in) throws IOException {
    byte[] body = in.readNBytes(maxBodyBytes + 1);
    return body.length > maxBodyBytes ? null : body;
  }
}
