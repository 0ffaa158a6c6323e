package io.klaxon.notifier.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A real HTTP server on 127.0.0.1 that answers from a script (status, headers, body, or hang
 * until closed, before its headers or in the middle of its body) and records every request. Unscripted requests get the default answer.
 */
public final class ScriptedHttpServer implements AutoCloseable {
  /** One scripted answer. */
  public record Answer(int status, Map<String, String> headers, String body, Stall stall) {
    /** Where an answer stops: never, before the headers, or in the middle of the body. */
    public enum Stall { NONE, BEFORE_HEADERS, IN_BODY }

    public static Answer of(int status, String body) {
      return new Answer(status, Map.of(), body, Stall.NONE);
    }

    public static Answer withHeader(int status, String header, String value, String body) {
      return new Answer(status, Map.of(header, value), body, Stall.NONE);
    }

    public static Answer hanging() {
      return new Answer(200, Map.of(), "", Stall.BEFORE_HEADERS);
    }

    /** Headers announcing a 1 MiB body, the first bytes of {@code body}, then silence. */
    public static Answer stallingInBody(int status, String body) {
      return new Answer(status, Map.of(), body, Stall.IN_BODY);
    }
  }

  /** One recorded request. */
  public record Recorded(String method, String path, Map<String, List<String>> headers, String body) {
    public String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().getFirst();
        }
      }
      return null;
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final BlockingQueue<Answer> script = new LinkedBlockingQueue<>();
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile Answer defaultAnswer;

  public ScriptedHttpServer(Answer defaultAnswer) throws IOException {
    this.defaultAnswer = defaultAnswer;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public void enqueue(Answer answer) {
    script.add(answer);
  }

  public void setDefault(Answer answer) {
    defaultAnswer = answer;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public List<Recorded> requests() {
    return requests;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
        Map.copyOf(exchange.getRequestHeaders()), body));
    Answer answer = script.poll();
    if (answer == null) {
      answer = defaultAnswer;
    }
    if (answer.stall() == Answer.Stall.BEFORE_HEADERS) {
      awaitClose();
      exchange.close();
      return;
    }
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    if (!answer.headers().containsKey("Content-Type")) {
      exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    }
    if (answer.stall() == Answer.Stall.IN_BODY) {
      exchange.sendResponseHeaders(answer.status(), 1 << 20);
      OutputStream out = exchange.getResponseBody();
      out.write(bytes, 0, Math.min(bytes.length, 8));
      out.flush();
      awaitClose();
      exchange.close();
      return;
    }
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private void awaitClose() {
    try {
      closed.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
