package io.klaxon.notifier.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;

/**
 * The SSRF guard for webhook destinations. A URL passes when it is https (or its host is
 * allowlisted), and every address its host resolves to is public, or allowlisted. Refused:
 * loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16 including
 * the 169.254.169.254 metadata service, fe80::/10), carrier-grade NAT (100.64/10), unspecified,
 * multicast and broadcast addresses, and IPv6 forms that embed such an IPv4 address.
 *
 * <p>The check resolves the host before the request, and the HTTP client resolves it again to
 * connect; a DNS answer that changes between the two (rebinding) is not caught here, which is why
 * the sender also refuses every redirect. Thread-safe.
 */
public final class DestinationGuard {
  /** Resolves a host name to its addresses; the JDK resolver in production. */
  @FunctionalInterface
  public interface HostResolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  /** The verdict on a destination. */
  public sealed interface Verdict {
    /** The destination may be called. */
    record Allowed() implements Verdict {}

    /** Never allowed: a permanent failure. */
    record Refused(String reason) implements Verdict {}

    /** Could not be checked now (DNS failure): try again later. */
    record Unresolvable(String reason) implements Verdict {}
  }

  private final AddressAllowlist allowlist;
  private final HostResolver resolver;

  public DestinationGuard(AddressAllowlist allowlist, HostResolver resolver) {
    this.allowlist = Objects.requireNonNull(allowlist, "allowlist");
    this.resolver = Objects.requireNonNull(resolver, "resolver");
  }

  public static DestinationGuard withSystemResolver(AddressAllowlist allowlist) {
    return new DestinationGuard(allowlist, InetAddress::getAllByName);
  }

  public Verdict check(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      return new Verdict.Refused("webhook URL must be https");
    }
    String host = url.getHost();
    if (host == null || host.isEmpty()) {
      return new Verdict.Refused("webhook URL has no host");
    }
    if (url.getRawUserInfo() != null) {
      return new Verdict.Refused("webhook URL must not carry credentials");
    }
    String bareHost = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    boolean hostAllowed = allowlist.allowsHost(bareHost);
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(bareHost);
    } catch (UnknownHostException e) {
      return new Verdict.Unresolvable("webhook host " + bareHost + " cannot be resolved");
    }
    if (addresses.length == 0) {
      return new Verdict.Unresolvable("webhook host " + bareHost + " cannot be resolved");
    }
    boolean allAddressesAllowed = true;
    for (InetAddress address : addresses) {
      boolean allowed = hostAllowed || allowlist.allowsAddress(address);
      allAddressesAllowed &= allowed;
      if (!allowed && isInternal(address)) {
        return new Verdict.Refused("webhook host " + bareHost + " resolves to a non-public address (" + kind(address)
            + "); allowlist it to permit");
      }
    }
    if (scheme.equals("http") && !(hostAllowed || allAddressesAllowed)) {
      return new Verdict.Refused("webhook URL must be https unless its host is allowlisted");
    }
    return new Verdict.Allowed();
  }

  /** Whether an address is not a public unicast address. */
  static boolean isInternal(InetAddress address) {
    return kind(address) != null;
  }

  private static String kind(InetAddress address) {
    if (address.isLoopbackAddress()) {
      return "loopback";
    }
    if (address.isAnyLocalAddress()) {
      return "unspecified";
    }
    if (address.isLinkLocalAddress()) {
      return "link-local";
    }
    if (address.isSiteLocalAddress()) {
      return "private";
    }
    if (address.isMulticastAddress()) {
      return "multicast";
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xFF;
      int second = b[1] & 0xFF;
      if (first == 0) {
        return "unspecified";
      }
      if (first == 100 && second >= 64 && second <= 127) {
        return "shared (carrier-grade NAT)";
      }
      if (first >= 240) {
        return "reserved or broadcast";
      }
      return null;
    }
    if (address instanceof Inet6Address) {
      if ((b[0] & 0xFE) == 0xFC) {
        return "private (unique local)";
      }
      // IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) forms embed an IPv4 address.
      boolean compatible = allZero(b, 0, 12);
      boolean nat64 = (b[0] & 0xFF) == 0x00 && (b[1] & 0xFF) == 0x64 && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x9B
          && allZero(b, 4, 12);
      if (compatible || nat64) {
        try {
          InetAddress embedded = InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
          String inner = kind(embedded);
          return inner == null ? null : inner + " (embedded IPv4)";
        } catch (UnknownHostException e) {
          return "malformed";
        }
      }
    }
    return null;
  }

  private static boolean allZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
