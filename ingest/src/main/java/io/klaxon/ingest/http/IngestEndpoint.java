package io.klaxon.ingest.http;

import com.sun.net.httpserver.HttpExchange;
import io.klaxon.ingest.auth.Authentication;
import io.klaxon.ingest.mapping.PayloadFormat;
import io.klaxon.ingest.metrics.IngestMetrics;
import io.klaxon.ops.Health;
import java.io.IOException;
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
public final class IngestEndpoint extends CountedEndpoint {
  private static final String JSON = "application/json; charset=utf-8";
  private static final Duration RETRY_WHILE_STARTING = Duration.ofSeconds(5);

  private final PayloadFormat format;
  private final Intake intake;
  private final Supplier<Health> readiness;
  private final int maxBodyBytes;

  /**
   * @param format how this endpoint's bodies are written
   * @param readiness whether the service may take alerts
   * @param maxBodyBytes the longest body accepted
   */
  public IngestEndpoint(PayloadFormat format, Intake intake, Supplier<Health> readiness, IngestMetrics metrics,
      int maxBodyBytes) {
    super(metrics, format.name(), JSON);
    this.format = format;
    this.intake = Objects.requireNonNull(intake, "intake");
    this.readiness = Objects.requireNonNull(readiness, "readiness");
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  protected Answer answer(HttpExchange exchange) throws IOException {
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
    byte[] body = RequestBodies.read(exchange, maxBodyBytes);
    if (body == null) {
      return Answer.bodyTooLarge(maxBodyBytes);
    }
    return intake.accept(((Authentication.Authenticated) authentication).caller(), format, body);
  }
}
