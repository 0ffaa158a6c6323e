package io.klaxon.launcher;

import io.klaxon.ops.Health;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a part's health URL whether it is ready: 200 is up, anything else (or no answer within two
 * seconds) is down, with the {@code detail} the part gave or the reason it did not answer.
 * Thread-safe.
 */
final class HealthProbe implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final Pattern DETAIL = Pattern.compile("\"detail\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  Health check(URI url) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).build(),
          HttpResponse.BodyHandlers.ofString());
      Matcher detail = DETAIL.matcher(response.body());
      String text = detail.find() ? detail.group(1) : "HTTP " + response.statusCode();
      return response.statusCode() == 200 ? Health.up(text) : Health.down(text);
    } catch (IOException e) {
      return Health.down("not answering (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Health.down("interrupted");
    }
  }

  @Override
  public void close() {
    http.close();
  }
}
