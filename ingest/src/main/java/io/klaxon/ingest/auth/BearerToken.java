package io.klaxon.ingest.auth;

import java.util.Locale;
import java.util.Optional;

/** Reads the token of an {@code Authorization: Bearer <token>} header (RFC 6750; the scheme is case-insensitive). Stateless. */
public final class BearerToken {
  private static final String SCHEME = "bearer ";

  private BearerToken() {}

  /** The token, or empty when the header is absent, of another scheme, or has no token. */
  public static Optional<String> from(String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    String header = authorization.strip();
    if (header.length() <= SCHEME.length() || !header.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
      return Optional.empty();
    }
    String token = header.substring(SCHEME.length()).strip();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }
}
