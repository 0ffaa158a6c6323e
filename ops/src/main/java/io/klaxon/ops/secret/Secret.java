package io.klaxon.ops.secret;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A secret value. {@link #toString()} never shows it, so a secret that slips into a log line or
 * an exception message shows as {@code ***}; read it with {@link #reveal()} at the point of use.
 */
public final class Secret {
  private final String value;

  public Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public String reveal() {
    return value;
  }

  public byte[] utf8() {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "***";
  }
}
