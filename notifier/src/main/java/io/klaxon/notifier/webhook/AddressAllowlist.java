package io.klaxon.notifier.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Hosts and networks explicitly trusted as webhook destinations: exact host names
 * (case-insensitive) and CIDR blocks or single IP addresses ({@code 10.1.0.0/16}, {@code
 * 127.0.0.1}, {@code fd00::/8}). Allowlisted destinations may use plain http and internal
 * addresses. Immutable and thread-safe.
 */
public final class AddressAllowlist {
  private final Set<String> hosts;
  private final List<Cidr> networks;

  private AddressAllowlist(Set<String> hosts, List<Cidr> networks) {
    this.hosts = Set.copyOf(hosts);
    this.networks = List.copyOf(networks);
  }

  public static AddressAllowlist empty() {
    return new AddressAllowlist(Set.of(), List.of());
  }

  /**
   * Parses entries; each is a host name, an IP address or a CIDR block.
   *
   * @throws IllegalArgumentException naming an entry that is not valid
   */
  public static AddressAllowlist of(List<String> entries) {
    Set<String> hosts = new HashSet<>();
    List<Cidr> networks = new ArrayList<>();
    for (String raw : entries) {
      String entry = raw.strip();
      if (entry.isEmpty()) {
        continue;
      }
      if (entry.contains("/") || looksLikeAddress(entry)) {
        networks.add(Cidr.parse(entry));
      } else {
        hosts.add(entry.toLowerCase(Locale.ROOT));
      }
    }
    return new AddressAllowlist(hosts, networks);
  }

  public boolean allowsHost(String host) {
    return hosts.contains(host.toLowerCase(Locale.ROOT));
  }

  public boolean allowsAddress(InetAddress address) {
    return networks.stream().anyMatch(n -> n.contains(address));
  }

  private static boolean looksLikeAddress(String entry) {
    return entry.contains(":") || entry.chars().allMatch(c -> Character.isDigit(c) || c == '.');
  }

  /** A CIDR block. */
  record Cidr(byte[] network, int prefix) {
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
}
