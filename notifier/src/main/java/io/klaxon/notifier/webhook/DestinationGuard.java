package io.klaxon.notifier.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The SSRF guard for webhook destinations. A URL passes when it is https (or its host is
 * allowlisted), and every address its host resolves to is public, or allowlisted. Refused ({@link
 * NonPublicAddresses}): loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local
 * (169.254/16 including the 169.254.169.254 metadata service, fe80::/10), carrier-grade NAT
 * (100.64/10), benchmarking (198.18/15), documentation, unspecified, multicast, broadcast and
 * reserved addresses, Teredo and local-use NAT64 tunnels, and IPv6 forms that embed a refused
 * IPv4 address (IPv4-compatible, IPv4-translated, NAT64, 6to4).
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
      Optional<String> kind = allowed ? Optional.<String>empty() : NonPublicAddresses.kind(address);
      if (kind.isPresent()) {
        return new Verdict.Refused("webhook host " + bareHost + " resolves to a non-public address (" + kind.get()
            + "); allowlist it to permit");
      }
    }
    if (scheme.equals("http") && !(hostAllowed || allAddressesAllowed)) {
      return new Verdict.Refused("webhook URL must be https unless its host is allowlisted");
    }
    return new Verdict.Allowed();
  }
}
