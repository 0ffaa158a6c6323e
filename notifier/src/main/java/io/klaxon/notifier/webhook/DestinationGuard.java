package io.klaxon.notifier.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The SSRF guard for tenant-supplied destinations (webhooks, Slack incoming webhooks). A URL
 * passes when it is https (or plain http to an allowlisted host), carries no credentials, and
 * every address its host resolves to is public, or allowlisted. Refused ({@link
 * NonPublicAddresses}): loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local
 * (169.254/16 including the 169.254.169.254 metadata service, fe80::/10), carrier-grade NAT
 * (100.64/10), benchmarking (198.18/15), documentation, unspecified, multicast, broadcast and
 * reserved addresses, Teredo and local-use NAT64 tunnels, and IPv6 forms that embed a refused
 * IPv4 address (IPv4-compatible, IPv4-translated, NAT64, 6to4).
 *
 * <p>The check comes in two halves so that the HTTP client connects to the very addresses that
 * were checked: {@link #checkUrl} judges the URL before the request (and an IP-literal host
 * completely, since a client connects to a literal without resolving it), and {@link #lookup} is
 * the client's resolver: it resolves a host name once and returns its addresses only when they
 * pass. There is no second lookup for a rebinding DNS answer to slip into. {@link #check} runs both
 * halves at once. Thread-safe.
 */
public final class DestinationGuard {
  /** What an HTTP client takes for an IP literal rather than a name (OkHttp's rule). */
  private static final Pattern LITERAL_LOOKING = Pattern.compile("[0-9.]+|.*:.*");
  private static final Pattern DOTTED_QUAD = Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");

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

  /**
   * Judges {@code url} without resolving its host: http or https, a host, no credentials. An
   * IP-literal host is judged completely here (its address, and plain http only when it is
   * allowlisted); a host name is {@link Verdict.Allowed Allowed} pending {@link #lookup}.
   */
  public Verdict checkUrl(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      return new Verdict.Refused("destination URL must be https");
    }
    String host = bare(url.getHost());
    if (host == null || host.isEmpty()) {
      return new Verdict.Refused("destination URL has no host");
    }
    if (url.getRawUserInfo() != null) {
      return new Verdict.Refused("destination URL must not carry credentials");
    }
    if (!LITERAL_LOOKING.matcher(host).matches()) {
      return new Verdict.Allowed();
    }
    if (!host.contains(":") && !DOTTED_QUAD.matcher(host).matches()) {
      // "127.1" and the like: a client would read them as addresses in ways that differ.
      return new Verdict.Refused("destination host " + host + " is not a valid IP address");
    }
    try {
      InetAddress address = InetAddress.getByName(host); // a literal: no lookup
      return judge(host, scheme.equals("http"), List.of(address)).<Verdict>map(Verdict.Refused::new)
          .orElseGet(Verdict.Allowed::new);
    } catch (UnknownHostException e) {
      return new Verdict.Refused("destination host " + host + " is not a valid IP address");
    }
  }

  /**
   * Resolves {@code host} once and returns its addresses when every one may be called: public or
   * allowlisted, and for plain http allowlisted (or the host name is). The HTTP client connects
   * to what this returns and nothing else.
   *
   * @throws DestinationRefusedException when an address is refused (the reason names the host)
   * @throws UnknownHostException when the host cannot be resolved now
   */
  public List<InetAddress> lookup(String host, boolean plainHttp) throws UnknownHostException {
    String name = bare(host);
    InetAddress[] addresses = resolver.resolve(name);
    if (addresses == null || addresses.length == 0) {
      throw new UnknownHostException("destination host " + name + " cannot be resolved");
    }
    List<InetAddress> resolved = List.of(addresses);
    Optional<String> refusal = judge(name, plainHttp, resolved);
    if (refusal.isPresent()) {
      throw new DestinationRefusedException(refusal.get());
    }
    return resolved;
  }

  /** Both halves at once: the URL, then (for a host name) its addresses. */
  public Verdict check(URI url) {
    Verdict verdict = checkUrl(url);
    String host = bare(url.getHost());
    if (!(verdict instanceof Verdict.Allowed) || LITERAL_LOOKING.matcher(host).matches()) {
      return verdict;
    }
    try {
      lookup(host, "http".equalsIgnoreCase(url.getScheme()));
      return verdict;
    } catch (DestinationRefusedException e) {
      return new Verdict.Refused(e.getMessage());
    } catch (UnknownHostException e) {
      return new Verdict.Unresolvable("destination host " + host + " cannot be resolved");
    }
  }

  private Optional<String> judge(String host, boolean plainHttp, List<InetAddress> addresses) {
    if (allowlist.allowsHost(host)) {
      return Optional.empty();
    }
    boolean allAllowlisted = true;
    for (InetAddress address : addresses) {
      boolean allowlisted = allowlist.allowsAddress(address);
      allAllowlisted &= allowlisted;
      Optional<String> kind = allowlisted ? Optional.empty() : NonPublicAddresses.kind(address);
      if (kind.isPresent()) {
        return Optional.of("destination host " + host + " resolves to a non-public address (" + kind.get()
            + "); allowlist it to permit");
      }
    }
    if (plainHttp && !allAllowlisted) {
      return Optional.of("destination URL must be https unless its host is allowlisted");
    }
    return Optional.empty();
  }

  private static String bare(String host) {
    return host != null && host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }
}
