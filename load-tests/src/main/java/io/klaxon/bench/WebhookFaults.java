package io.klaxon.bench;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;

/**
 * Which tenants' webhook endpoints misbehave, and how: the hostile receivers of the chaos
 * scenarios. {@link SignedWebhookSink} asks for each delivery, after checking its signature; a
 * tenant without a fault is answered 204 as usual. Immutable.
 */
@FunctionalInterface
public interface WebhookFaults {
  /** No tenant misbehaves. */
  WebhookFaults NONE = tenant -> null;

  /** The fault to answer a delivery to {@code tenant} with, or null to accept it. */
  Fault faultFor(String tenant);

  /** Each tenant of the map answers with its fault. */
  static WebhookFaults of(Map<String, Fault> byTenant) {
    Map<String, Fault> copy = Map.copyOf(byTenant);
    return copy::get;
  }

  /** A way of not accepting a delivery. */
  sealed interface Fault {
    /** Answers (or fails to answer) the exchange; the caller closes it. */
    void answer(HttpExchange exchange) throws IOException;

    /** A short name for reports. */
    String describe();
  }

  /** An HTTP status, with a {@code Retry-After} header when {@code retryAfter} is not null (sent as written). */
  record Status(int code, String retryAfter) implements Fault {
    @Override
    public void answer(HttpExchange exchange) throws IOException {
      if (retryAfter != null) {
        exchange.getResponseHeaders().add("Retry-After", retryAfter);
      }
      exchange.sendResponseHeaders(code, -1);
    }

    @Override
    public String describe() {
      return "HTTP " + code + (retryAfter == null ? "" : " Retry-After: " + retryAfter);
    }
  }

  /**
   * Headers of a 200 with a 1 MiB body, a few bytes of it, then silence for {@code stall}: the
   * receiver that holds a sender whose timeout stops at the headers.
   */
  record StallMidBody(Duration stall) implements Fault {
    @Override
    public void answer(HttpExchange exchange) throws IOException {
      exchange.sendResponseHeaders(200, 1 << 20);
      OutputStream body = exchange.getResponseBody();
      body.write("{\"ok\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      body.flush();
      try {
        Thread.sleep(stall);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public String describe() {
      return "200, then silence mid-body for " + stall.toSeconds() + " s";
    }
  }
}
