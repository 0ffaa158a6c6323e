package io.klaxon.notifier.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A block of IPv4 or IPv6 addresses ({@code 10.1.0.0/16}, {@code fd00::/8}; a single address is a
 * block of one). Parsing never looks a name up. Immutable and thread-safe.
 */
record Cidr(byte[] network, int prefix) {
  /**
   * Parses {@code address} or {@code address/prefix}; IPv6 literals may be bracketed.
   *
   * @throws IllegalArgumentException naming {@code entry} when it is not an address or CIDR block
   */
  static Cidr parse(String entry) {
    String[] parts = entry.split("/", 2);
    String literal = parts[0].startsWith("[") && parts[0].endsWith("]") ? parts[0].substring(1, parts[0].length() - 1) : parts[0];
    if (!looksLikeAddress(literal)) {
      throw new IllegalArgumentException("allowlist entry " + entry + " is not an IP address or CIDR block");
    }
    try {
      byte[] bytes = InetAddress.getByName(literal).getAddress(); // a literal: no lookup
      int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bytes.length * 8;
      if (prefix < 0 || prefix > bytes.length * 8) {
        throw new IllegalArgumentException("allowlist entry " + entry + " has an invalid prefix length");
      }
      return new Cidr(bytes, prefix);
    } catch (UnknownHostException | NumberFormatException e) {
      throw new IllegalArgumentException("allowlist entry " + entry + " is not an IP address or CIDR block");
    }
  }

  /** Whether {@code entry} is written like an IP address rather than a host name. */
  static boolean looksLikeAddress(String entry) {
    return entry.contains(":") || entry.chars().allMatch(c -> Character.isDigit(c) || c == '.');
  }

  boolean contains(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (bytes.length != network.length) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (bytes[i] != network[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xFF << (8 - rest)) & 0xFF;
    return (bytes[full] & mask) == (network[full] & mask);
  }
}
