package io.klaxon.sinks.inbox;

import com.sun.net.httpserver.HttpExchange;
import io.klaxon.ops.OpsServer;
import io.klaxon.sinks.http.LoopbackHttpServer;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The inbox on 127.0.0.1: {@code GET /} is the page ({@link InboxPage}; query parameters
 * {@code tenant}, {@code channel} and {@code refresh} in seconds), {@code GET /api/messages} the
 * same captures as JSON ({@link InboxJson}; {@code tenant} and {@code channel}). Thread-safe;
 * {@link #close()} stops the server.
 */
public final class InboxServer implements AutoCloseable {
  private static final int MAX_REFRESH_SECONDS = 3_600;

  private final Inbox inbox;
  private final LoopbackHttpServer server;

  private InboxServer(int port, Inbox inbox) throws IOException {
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    this.server = LoopbackHttpServer.start(port, Map.of(
        "/", this::page,
        "/api/messages", this::messages));
  }

  /**
   * Serves the inbox on 127.0.0.1:{@code port} (0 for any free port).
   *
   * @throws IOException when the port cannot be bound
   */
  public static InboxServer start(int port, Inbox inbox) throws IOException {
    return new InboxServer(port, inbox);
  }

  public int port() {
    return server.port();
  }

  /** {@code http://127.0.0.1:<port>/}. */
  public String url() {
    return server.url() + "/";
  }

  @Override
  public void close() {
    server.close();
  }

  private void page(HttpExchange exchange) throws IOException {
    if (!allowGet(exchange)) {
      return;
    }
    if (!"/".equals(exchange.getRequestURI().getPath())) {
      OpsServer.respond(exchange, 404, "text/plain; charset=utf-8", "not found");
      return;
    }
    Map<String, String> params = query(exchange.getRequestURI().getRawQuery());
    int refresh = refresh(params.get("refresh"));
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    OpsServer.respond(exchange, 200, "text/html; charset=utf-8",
        InboxPage.render(inbox, InboxQuery.of(params.get("tenant"), params.get("channel")), refresh));
  }

  private void messages(HttpExchange exchange) throws IOException {
    if (!allowGet(exchange)) {
      return;
    }
    Map<String, String> params = query(exchange.getRequestURI().getRawQuery());
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    OpsServer.respond(exchange, 200, "application/json; charset=utf-8",
        InboxJson.render(inbox, InboxQuery.of(params.get("tenant"), params.get("channel"))).toString());
  }

  private static boolean allowGet(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    if ("GET".equals(method) || "HEAD".equals(method)) {
      return true;
    }
    exchange.getResponseHeaders().set("Allow", "GET, HEAD");
    OpsServer.respond(exchange, 405, "text/plain; charset=utf-8", "method not allowed");
    return false;
  }

  private static int refresh(String value) {
    if (value == null || value.isBlank()) {
      return 0;
    }
    try {
      return Math.clamp(Integer.parseInt(value.strip()), 0, MAX_REFRESH_SECONDS);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Query parameters; the first value of each name wins. */
  static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        out.putIfAbsent(name, value);
      } catch (IllegalArgumentException malformed) {
        // A malformed escape: ignore that parameter, as if it were absent.
      }
    }
    return out;
  }
}
