package io.klaxon.sinks.inbox;

import com.sun.net.httpserver.HttpExchange;
import io.klaxon.ops.OpsServer;
import io.klaxon.sinks.http.LoopbackHttpServer;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The inbox on 127.0.0.1: {@code GET /} is the page ({@link InboxPage}; query parameters
 * {@code tenant}, {@code channel} and {@code refresh} in seconds), {@code GET /api/messages} the
 * same captures as JSON ({@link InboxJson}; {@code tenant} and {@code channel}). Started with
 * {@link ButtonClicks}, the page's Slack buttons can be clicked: {@code POST /slack/actions} (form
 * fields {@code message}, the inbox id, and {@code button}, its number; only from the page itself,
 * by its {@code Origin}) hands the click on and answers 303 back to the page, which then shows what
 * the click did. Thread-safe; {@link #close()} stops the server.
 */
public final class InboxServer implements AutoCloseable {
  private static final int MAX_REFRESH_SECONDS = 3_600;
  private static final int KEPT_OUTCOMES = 1_000;

  private final Inbox inbox;
  private final ButtonClicks clicks;
  private final Map<Long, String> outcomes = Collections.synchronizedMap(new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
      return size() > KEPT_OUTCOMES;
    }
  });
  private final LoopbackHttpServer server;

  private InboxServer(int port, Inbox inbox, ButtonClicks clicks) throws IOException {
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    this.clicks = clicks;
    this.server = LoopbackHttpServer.start(port, Map.of(
        "/", this::page,
        "/api/messages", this::messages,
        BlockKitHtml.CLICK_PATH, this::click));
  }

  /**
   * Serves the inbox on 127.0.0.1:{@code port} (0 for any free port).
   *
   * @throws IOException when the port cannot be bound
   */
  public static InboxServer start(int port, Inbox inbox) throws IOException {
    return new InboxServer(port, inbox, null);
  }

  /**
   * Serves the inbox with clickable Slack buttons, each click handed to {@code clicks}.
   *
   * @throws IOException when the port cannot be bound
   */
  public static InboxServer start(int port, Inbox inbox, ButtonClicks clicks) throws IOException {
    return new InboxServer(port, inbox, Objects.requireNonNull(clicks, "clicks"));
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
        InboxPage.render(inbox, InboxQuery.of(params.get("tenant"), params.get("channel")), refresh, clicks != null,
            outcomes));
  }

  private void click(HttpExchange exchange) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", "POST");
      OpsServer.respond(exchange, 405, "text/plain; charset=utf-8", "method not allowed");
      return;
    }
    if (clicks == null) {
      OpsServer.respond(exchange, 404, "text/plain; charset=utf-8", "buttons are not clickable here");
      return;
    }
    String origin = exchange.getRequestHeaders().getFirst("Origin");
    if (origin != null && !ownOrigin(origin)) {
      OpsServer.respond(exchange, 403, "text/plain; charset=utf-8", "clicks come from the inbox page only");
      return;
    }
    Map<String, String> form = query(new String(LoopbackHttpServer.body(exchange), StandardCharsets.UTF_8));
    long message;
    int button;
    try {
      message = Long.parseLong(form.getOrDefault("message", ""));
      button = Integer.parseInt(form.getOrDefault("button", ""));
    } catch (NumberFormatException e) {
      OpsServer.respond(exchange, 400, "text/plain; charset=utf-8", "form fields message and button must be numbers");
      return;
    }
    outcomes.put(message, clicks.click(message, button));
    exchange.getResponseHeaders().set("Location", back(exchange.getRequestHeaders().getFirst("Referer")) + "#m-" + message);
    OpsServer.respond(exchange, 303, "text/plain; charset=utf-8", "see the inbox page");
  }

  private boolean ownOrigin(String origin) {
    return origin.equals(server.url()) || origin.equals("http://localhost:" + server.port());
  }

  /** The page the click came from (path and query of a Referer of this server), else {@code /}. */
  private String back(String referer) {
    if (referer == null) {
      return "/";
    }
    for (String own : new String[] {server.url() + "/", "http://localhost:" + server.port() + "/"}) {
      if (referer.startsWith(own)) {
        String rest = referer.substring(own.length() - 1);
        int hash = rest.indexOf('#');
        String page = hash < 0 ? rest : rest.substring(0, hash);
        return page.startsWith("/?") || page.equals("/") ? page : "/";
      }
    }
    return "/";
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
