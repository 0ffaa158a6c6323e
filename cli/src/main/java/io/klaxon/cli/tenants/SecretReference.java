package io.klaxon.cli.tenants;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a secret reference: {@code env:NAME} (NAME an environment variable name) or {@code
 * file:/absolute/path}. Tenant files never hold secrets themselves; a value that looks like a
 * literal secret gets a message saying so, without repeating the value. Stateless.
 */
public final class SecretReference {
  private static final Pattern ENV = Pattern.compile("env:[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern FILE = Pattern.compile("file:/[^\\s]*[^/\\s]");

  private SecretReference() {}

  /** Empty when valid; otherwise why not (never containing the value). */
  public static Optional<String> check(String value) {
    if (ENV.matcher(value).matches() || FILE.matcher(value).matches()) {
      return Optional.empty();
    }
    if (value.startsWith("env:")) {
      return Optional.of("invalid environment variable name after 'env:' (letters, digits and _, not starting with a digit)");
    }
    if (value.startsWith("file:")) {
      return Optional.of("'file:' must be followed by an absolute path (file:/run/secrets/name)");
    }
    if (value.contains("://") || value.startsWith("xox") || value.length() >= 16) {
      return Optional.of("looks like a literal secret; put it in an environment variable or file and write env:NAME or file:/path");
    }
    return Optional.of("must be a secret reference: env:NAME or file:/path");
  }
}
