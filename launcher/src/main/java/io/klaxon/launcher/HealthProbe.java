package io.klaxon.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klaxon.ops.Health;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Asks a part's health URL whether it is ready: 200 is up, anything else (or no answer within two
 * seconds) is down, with the {@code detail} the part gave or the reason it did not answer.
 * Thread-safe.
 */
final class HealthProbe implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  Health check(URI url) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).build(),
          HttpResponse.BodyHandlers.ofString());
      String text = detail(response.body()).orElse("HTTP " + response.statusCode());
      return response.statusCode() == 200 ? Health.up(text) : Health.down(text);
    } catch (IOException e) {
      return Health.down("not answering (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Health.down("interrupted");
    }
  }

  /**
   * The {@code detail} of a health answer ({@code {"status":"UP","detail":"..."}}), read as JSON: a
   * regular expression over the quoted text recursed once per character, and a detail of some
   * thousands of characters (an exception's message) overflowed the stack of the thread asking.
   */
  static Optional<String> detail(String body) {
    try {
      JsonNode detail = JSON.readTree(body).path("detail");
      return detail.isTextual() ? Optional.of(detail.asText()) : Optional.empty();
    } catch (IOException notJson) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    http.close();
  }
}
