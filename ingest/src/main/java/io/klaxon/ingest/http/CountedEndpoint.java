package io.klaxon.ingest.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.klaxon.ingest.metrics.IngestMetrics;
import io.klaxon.ops.OpsServer;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * An endpoint whose every request is answered with an {@link Answer} and counted by endpoint and
 * status, with its latency, before the answer goes out (a client that has its answer finds the
 * request counted). Subclasses say what to answer. Thread-safe when {@link #answer} is.
 */
public abstract class CountedEndpoint implements HttpHandler {
  private final IngestMetrics metrics;
  private final String endpoint;
  private final String contentType;

  /**
   * @param endpoint the endpoint's metric tag
   * @param contentType the content type of every answer
   */
  protected CountedEndpoint(IngestMetrics metrics, String endpoint, String contentType) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.contentType = Objects.requireNonNull(contentType, "contentType");
  }

  /** What to answer {@code exchange}; its body may be read here. */
  protected abstract Answer answer(HttpExchange exchange) throws IOException;

  @Override
  public final void handle(HttpExchange exchange) throws IOException {
    long start = System.nanoTime();
    try (exchange) {
      Answer answer = answer(exchange);
      answer.headers().forEach(exchange.getResponseHeaders()::set);
      metrics.request(endpoint, answer.status(), Duration.ofNanos(System.nanoTime() - start));
      OpsServer.respond(exchange, answer.status(), contentType, answer.body());
    }
  }
}
