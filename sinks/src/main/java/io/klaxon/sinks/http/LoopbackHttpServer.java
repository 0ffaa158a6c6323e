package io.klaxon.sinks.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JDK HTTP server bound to 127.0.0.1, handling requests on virtual threads; shared plumbing of
 * the stand-ins. {@link #close()} stops it at once.
 */
public final class LoopbackHttpServer implements AutoCloseable {
  /** Request bodies larger than this are refused (Slack's own limit is far below). */
  public static final int MAX_BODY = 2 * 1024 * 1024;

  private final HttpServer server;
  private final ExecutorService executor;

  private LoopbackHttpServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Binds 127.0.0.1:{@code port} (0 for any free port), registers the handlers by path prefix and
   * starts serving.
   *
   * @throws IOException when the port cannot be bound
   */
  public static LoopbackHttpServer start(int port, Map<String, HttpHandler> handlers) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 0);
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    handlers.forEach(server::createContext);
    server.start();
    return new LoopbackHttpServer(server, executor);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String url() {
    return "http://127.0.0.1:" + port();
  }

  /**
   * Reads a request body of at most {@link #MAX_BODY} bytes.
   *
   * @throws IOException when it is larger or the connection fails
   */
  public static byte[] body(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_BODY + 1);
      if (bytes.length > MAX_BODY) {
        throw new IOException("request body larger than " + MAX_BODY + " bytes");
      }
      return bytes;
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
