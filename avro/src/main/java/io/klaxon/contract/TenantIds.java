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
    // What PATTERN matches, checked without a regular expression: every input record is checked.
    if (id == null || id.length() < 3 || id.length() > 64) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean alphanumeric = c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
      if (!alphanumeric && (i == 0 || c != '_' && c != '-')) {
        return false;
      }
    }
    return true;
  }
}
