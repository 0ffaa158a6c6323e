package io.klaxon.ingest.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** Reads request bodies up to a limit, so that a body over it is refused without being kept. Stateless. */
public final class RequestBodies {
  private RequestBodies() {}

  /**
   * The request's body, or null when it is longer than {@code maxBytes}: announced by {@code
   * Content-Length} (then nothing is read) or found while reading (a chunked body announces no length).
   *
   * @throws IOException when the body cannot be read
   */
  public static byte[] read(HttpExchange exchange, int maxBytes) throws IOException {
    if (announcedLength(exchange) > maxBytes) {
      return null;
    }
    byte[] body = exchange.getRequestBody().readNBytes(maxBytes + 1);
    return body.length > maxBytes ? null : body;
  }

  private static long announcedLength(HttpExchange exchange) {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    try {
      return length == null ? -1 : Long.parseLong(length.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
