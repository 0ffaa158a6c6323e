package io.klaxon.contract;

import java.util.regex.Pattern;

/**
 * What a tenant id may look like: lower-case letters, digits, {@code _} and {@code -}, 3 to 64
 * characters, starting with a letter or digit. The one definition: the Streams app's validation,
 * the tenant-file parser and the ingest paths all check against it. Stateless.
 */
public final class TenantIds {
  /** {@code ^[a-z0-9][a-z0-9_-]{2,63}$}. */
  public static final Pattern PATTERN = Pattern.compile("^[a-z0-9][a-z0-9_-]{2,63}$");

  private TenantIds() {}

  /** Whether {@code id} is a well-formed tenant id; null is not. */
  public static boolean isValid(String id) {
    return id != null && PATTERN.matcher(id).matches();
  }
}
