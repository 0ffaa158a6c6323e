package io.klaxon.notifier.webhook;

import java.net.InetAddress;
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
      if (entry.contains("/") || Cidr.looksLikeAddress(entry)) {
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
}
