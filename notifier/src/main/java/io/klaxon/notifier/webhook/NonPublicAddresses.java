package io.klaxon.notifier.webhook;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Tells public unicast addresses from those a webhook must not reach unless allowlisted: the
 * special-purpose ranges of the IANA IPv4 and IPv6 registries that are not globally reachable, and
 * IPv6 forms that carry an IPv4 address inside (IPv4-compatible, IPv4-translated, NAT64 and 6to4),
 * which are judged by the address they carry. Tunnels whose far end cannot be seen from the
 * address (Teredo, local-use NAT64) are refused outright. Stateless and thread-safe.
 */
final class NonPublicAddresses {
  /** A range and what to call an address in it. */
  private record Range(Cidr block, String kind) {}

  private static final List<Range> RANGES = List.of(
      range("0.0.0.0/8", "unspecified"),
      range("10.0.0.0/8", "private"),
      range("100.64.0.0/10", "shared (carrier-grade NAT)"),
      range("127.0.0.0/8", "loopback"),
      range("169.254.0.0/16", "link-local"),
      range("172.16.0.0/12", "private"),
      range("192.0.0.0/24", "reserved (IETF protocol assignments)"),
      range("192.0.2.0/24", "documentation"),
      range("192.88.99.0/24", "reserved (6to4 relay)"),
      range("192.168.0.0/16", "private"),
      range("198.18.0.0/15", "reserved (benchmarking)"),
      range("198.51.100.0/24", "documentation"),
      range("203.0.113.0/24", "documentation"),
      range("224.0.0.0/4", "multicast"),
      range("240.0.0.0/4", "reserved or broadcast"),
      range("::/128", "unspecified"),
      range("::1/128", "loopback"),
      range("64:ff9b:1::/48", "local-use NAT64"),
      range("100::/64", "reserved (discard-only)"),
      range("2001::/32", "Teredo tunnel"),
      range("2001:10::/28", "reserved (ORCHID)"),
      range("2001:20::/28", "reserved (ORCHIDv2)"),
      range("2001:db8::/32", "documentation"),
      range("fc00::/7", "private (unique local)"),
      range("fe80::/10", "link-local"),
      range("fec0::/10", "private (site-local)"),
      range("ff00::/8", "multicast"));

  private static final Cidr IPV4_COMPATIBLE = Cidr.parse("::/96");
  private static final Cidr IPV4_TRANSLATED = Cidr.parse("::ffff:0:0:0/96");
  private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
  private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

  private NonPublicAddresses() {}

  /** What kind of non-public address {@code address} is, or empty when it is public. */
  static Optional<String> kind(InetAddress address) {
    for (Range range : RANGES) {
      if (range.block().contains(address)) {
        return Optional.of(range.kind());
      }
    }
    if (address instanceof Inet6Address) {
      byte[] b = address.getAddress();
      // Where each form keeps the IPv4 address it carries: the last four bytes, or bytes 2 to 5 for 6to4.
      int embeddedAt = IPV4_COMPATIBLE.contains(address) || IPV4_TRANSLATED.contains(address) || NAT64.contains(address) ? 12
          : SIX_TO_FOUR.contains(address) ? 2 : -1;
      if (embeddedAt >= 0) {
        return kind(ipv4(b, embeddedAt)).map(inner -> inner + " (embedded IPv4)");
      }
    }
    return Optional.empty();
  }

  private static InetAddress ipv4(byte[] b, int at) {
    try {
      return InetAddress.getByAddress(new byte[] {b[at], b[at + 1], b[at + 2], b[at + 3]});
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an IPv4 address", e);
    }
  }

  private static Range range(String cidr, String kind) {
    return new Range(Cidr.parse(cidr), kind);
  }
}
