package io.klaxon.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.klaxon.ops.Health;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthProbeTest {
  private final AtomicReference<String> answer = new AtomicReference<>();
  private final AtomicReference<Integer> status = new AtomicReference<>(200);
  private HttpServer server;
  private URI url;

  private void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/health/ready", exchange -> {
      byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status.get(), body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/health/ready");
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void readsTheDetailOfAnUpAndADownAnswer() throws IOException {
    serve();
    try (HealthProbe probe = new HealthProbe()) {
      answer.set("{\"status\":\"UP\",\"detail\":\"RUNNING \\\"all\\\" tasks\"}");
      assertThat(probe.check(url)).isEqualTo(Health.up("RUNNING \"all\" tasks"));
      status.set(503);
      answer.set("{\"status\":\"DOWN\",\"detail\":\"consumer stopped\"}");
      assertThat(probe.check(url)).isEqualTo(Health.down("consumer stopped"));
      answer.set("<html>busy</html>");
      assertThat(probe.check(url)).isEqualTo(Health.down("HTTP 503"));
    }
  }

  /** A regular expression over the quoted detail once recursed per character and overflowed the stack. */
  @Test
  void aDetailOfTensOfThousandsOfCharactersIsReadOnASmallStack() throws Exception {
    serve();
    String longDetail = "registry answered: " + "x".repeat(50_000);
    answer.set("{\"status\":\"UP\",\"detail\":\"" + longDetail + "\"}");
    Object[] result = new Object[1];
    try (HealthProbe probe = new HealthProbe()) {
      Thread thread = new Thread(null, () -> {
        try {
          result[0] = probe.check(url);
        } catch (Throwable t) {
          result[0] = t;
        }
      }, "small-stack", 256 * 1024);
      thread.start();
      thread.join();
    }
    assertThat(result[0]).isEqualTo(Health.up(longDetail));
  }
}
