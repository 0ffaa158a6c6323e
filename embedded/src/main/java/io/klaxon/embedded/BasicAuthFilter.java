package io.klaxon.embedded;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;

/**
 * Lets a request through only with HTTP basic credentials equal to the configured
 * {@code user:password}; otherwise answers 401 with a {@code WWW-Authenticate} challenge and a
 * Confluent-shaped error body. Compares in constant time. Thread-safe.
 */
final class BasicAuthFilter extends Filter {
  static final String REALM = "klaxon-schema-registry";

  private final byte[] expected;

  BasicAuthFilter(String userInfo) {
    Objects.requireNonNull(userInfo, "userInfo");
    if (!userInfo.contains(":")) {
      throw new IllegalArgumentException("Basic auth credentials must be 'user:password'");
    }
    this.expected = ("Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)))
        .getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    byte[] given = header == null ? new byte[0] : header.strip().getBytes(StandardCharsets.UTF_8);
    if (MessageDigest.isEqual(expected, given)) {
      chain.doFilter(exchange);
      return;
    }
    exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
    RegistryResponses.sendError(exchange, RegistryHttpError.unauthorized());
  }

  @Override
  public String description() {
    return "HTTP basic authentication";
  }
}
