package io.klaxon.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The operations endpoints of a Klaxon service, on the JDK's HTTP server:
 *
 * <ul>
 *   <li>{@code GET /metrics}: Prometheus text exposition of the service's meter registry; with one
 *       or more {@code name[]} parameters ({@code /metrics?name[]=klaxon_streams_outcomes_total}),
 *       only those metrics, as the Prometheus Java client's exporters do (a counter answers to its
 *       name with or without {@code _total});
 *   <li>{@code GET /health/live}: 200 while the process runs;
 *   <li>{@code GET /health/ready}: 200 when the readiness check says up, 503 otherwise;
 *   <li>any extra routes a service adds with {@link #route}.
 * </ul>
 *
 * Requests are handled on virtual threads. {@link #close()} stops the server at once.
 */
public final class OpsServer implements AutoCloseable {
  private static final String JSON = "application/json; charset=utf-8";
  private static final String NAME_PARAMETER = "name[]=";
  private static final String TOTAL = "_total";
  private static final Pattern AMPERSAND = Pattern.compile("&");

  private final HttpServer server;
  private final ExecutorService executor;

  private OpsServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Binds and starts the server.
   *
   * @param host address to bind, for example 127.0.0.1 (or 0.0.0.0 inside a container)
   * @param port port, 0 for any free one
   * @param registry the meters to expose
   * @param readiness asked on every {@code /health/ready} request
   * @throws IOException when the address cannot be bound
   */
  public static OpsServer start(String host, int port, PrometheusMeterRegistry registry, Supplier<Health> readiness)
      throws IOException {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(readiness, "readiness");
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.createContext("/metrics", exchange -> {
      if (!allowGet(exchange)) {
        return;
      }
      Set<String> names = requestedNames(exchange.getRequestURI());
      String contentType = "text/plain; version=0.0.4; charset=utf-8";
      respond(exchange, 200, contentType, names.isEmpty() ? registry.scrape() : registry.scrape(contentType, names));
    });
    server.createContext("/health/live", exchange -> {
      if (allowGet(exchange)) {
        respond(exchange, 200, JSON, "{\"status\":\"UP\"}");
      }
    });
    server.createContext("/health/ready", exchange -> {
      if (!allowGet(exchange)) {
        return;
      }
      Health health;
      try {
        health = readiness.get();
      } catch (RuntimeException e) {
        health = Health.down("readiness check failed: " + e.getClass().getSimpleName());
      }
      respond(exchange, health.up() ? 200 : 503, JSON,
          "{\"status\":\"" + (health.up() ? "UP" : "DOWN") + "\",\"detail\":\"" + jsonEscape(health.detail()) + "\"}");
    });
    server.createContext("/", exchange -> respond(exchange, 404, JSON, "{\"error\":\"not found\"}"));
    server.start();
    return new OpsServer(server, executor);
  }

  /**
   * The metric names of a {@code /metrics} request's {@code name[]} parameters (empty: all). A
   * counter's name is taken with and without its {@code _total} suffix, so either selects it.
   */
  static Set<String> requestedNames(URI uri) {
    String query = uri.getQuery();
    Set<String> names = new HashSet<>();
    if (query == null) {
      return names;
    }
    for (String parameter : AMPERSAND.split(query, -1)) {
      if (parameter.startsWith(NAME_PARAMETER) && parameter.length() > NAME_PARAMETER.length()) {
        String name = parameter.substring(NAME_PARAMETER.length());
        names.add(name);
        names.add(name.endsWith(TOTAL) ? name.substring(0, name.length() - TOTAL.length()) : name + TOTAL);
      }
    }
    return names;
  }

  /** Adds a handler for every path under {@code prefix}. */
  public OpsServer route(String prefix, HttpHandler handler) {
    server.createContext(prefix, handler);
    return this;
  }

  /** The bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The bound address, for log lines ({@code http://127.0.0.1:8081}). */
  public String url() {
    return "http://" + server.getAddress().getHostString() + ":" + port();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** Writes a complete response and closes the exchange. */
  public static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static boolean allowGet(HttpExchange exchange) throws IOException {
    if ("GET".equals(exchange.getRequestMethod()) || "HEAD".equals(exchange.getRequestMethod())) {
      return true;
    }
    exchange.getResponseHeaders().set("Allow", "GET, HEAD");
    respond(exchange, 405, JSON, "{\"error\":\"method not allowed\"}");
    return false;
  }

  /** Escapes a string for a JSON string literal. */
  public static String jsonEscape(String value) {
    if (value == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
