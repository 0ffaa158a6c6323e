package io.klaxon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * An HTTP endpoint on 127.0.0.1 that receives JSON notifications, pulls the ids they carry out of
 * each body and reports them to an {@link ArrivalTracker} (which one can change, {@link #track}). Answers 200 at once; handles requests
 * on virtual threads.
 */
public final class WebhookProbe implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final AtomicReference<ArrivalTracker> tracker;

  /**
   * @param tracker where arrivals go
   * @param ids the ids a notification body carries (one for a single notification, many for a batch)
   */
  public WebhookProbe(ArrivalTracker tracker, Function<JsonNode, List<String>> ids) throws IOException {
    this.tracker = new AtomicReference<>(tracker);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
    server.setExecutor(executor);
    server.createContext("/", exchange -> {
      long now = System.nanoTime();
      try (InputStream body = exchange.getRequestBody()) {
        JsonNode json = JSON.readTree(body);
        for (String id : ids.apply(json)) {
          this.tracker.get().arrived(id, now);
        }
        exchange.sendResponseHeaders(200, -1);
      } catch (IOException | RuntimeException e) {
        exchange.sendResponseHeaders(400, -1);
      } finally {
        exchange.close();
      }
    });
    server.start();
  }

  /** Reports arrivals to {@code next} from now on (e.g. the measured alerts after a warm-up). */
  public void track(ArrivalTracker next) {
    tracker.set(next);
  }

  /** The URL to send notifications to. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
