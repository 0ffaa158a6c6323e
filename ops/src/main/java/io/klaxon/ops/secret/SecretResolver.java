package io.klaxon.ops.secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * Resolves secret references: {@code env:NAME} reads the environment variable NAME, {@code
 * file:/path} reads a file (UTF-8, surrounding whitespace trimmed, as mounted secrets often end
 * in a newline). Values are read on every call, so rotated files take effect without a restart.
 * Errors name the reference only. Thread-safe.
 */
public final class SecretResolver {
  private final Function<String, String> environment;

  public SecretResolver(Function<String, String> environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  /** Resolves from the process environment and the file system. */
  public static SecretResolver system() {
    return new SecretResolver(System::getenv);
  }

  /**
   * @throws SecretUnavailableException when the reference is malformed, the variable unset or
   *     blank, or the file unreadable or empty
   */
  public Secret resolve(String reference) {
    if (reference == null || reference.isBlank()) {
      throw new SecretUnavailableException("no secret reference given");
    }
    String ref = reference.strip();
    if (ref.startsWith("env:")) {
      String name = ref.substring(4);
      String value = name.isEmpty() ? null : environment.apply(name);
      if (value == null || value.isBlank()) {
        throw new SecretUnavailableException("secret " + ref + " is not set");
      }
      return new Secret(value.strip());
    }
    if (ref.startsWith("file:")) {
      Path path = Path.of(ref.substring(5));
      try {
        String value = Files.readString(path, StandardCharsets.UTF_8).strip();
        if (value.isEmpty()) {
          throw new SecretUnavailableException("secret " + ref + " is empty");
        }
        return new Secret(value);
      } catch (IOException | RuntimeException e) {
        if (e instanceof SecretUnavailableException s) {
          throw s;
        }
        throw new SecretUnavailableException("secret " + ref + " cannot be read (" + e.getClass().getSimpleName() + ")");
      }
    }
    throw new SecretUnavailableException("secret reference must start with env: or file:");
  }
}
