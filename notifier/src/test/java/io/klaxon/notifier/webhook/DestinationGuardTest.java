package io.klaxon.notifier.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.notifier.webhook.DestinationGuard.Verdict;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DestinationGuardTest {
  private final DestinationGuard guard = DestinationGuard.withSystemResolver(AddressAllowlist.empty());

  @ParameterizedTest
  @ValueSource(strings = {
      "https://127.0.0.1/hook", "https://10.0.0.1/hook", "https://172.16.5.4/hook", "https://192.168.1.10/hook",
      "https://169.254.169.254/latest/meta-data", "https://[::1]/hook", "https://[fe80::1]/hook",
      "https://[fd00:ec2::254]/hook", "https://0.0.0.0/hook", "https://224.0.0.1/hook", "https://100.64.0.1/hook",
      "https://[::ffff:127.0.0.1]/hook", "https://[::ffff:169.254.169.254]/hook", "https://localhost/hook",
      "https://[64:ff9b::10.0.0.1]/hook"})
  void internalAddressesAreRefused(String url) {
    assertThat(guard.check(URI.create(url))).isInstanceOf(Verdict.Refused.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // 6to4 (2002::/16) embedding 10.0.0.1, 127.0.0.1 and 169.254.169.254
      "https://[2002:a00:1::]/hook", "https://[2002:7f00:1::1]/hook", "https://[2002:a9fe:a9fe::]/hook",
      // Teredo (2001::/32): a tunnel whose far end the guard cannot see
      "https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/hook",
      // local-use NAT64 (64:ff9b:1::/48), whatever it embeds
      "https://[64:ff9b:1::5db8:d70e]/hook",
      // benchmarking (198.18.0.0/15), also inside IPv6 forms
      "https://198.18.0.1/hook", "https://198.19.255.254/hook", "https://[::ffff:198.18.0.1]/hook",
      "https://[2002:c612:1::]/hook"})
  void tunnelsAndSpecialPurposeRangesAreRefused(String url) {
    assertThat(guard.check(URI.create(url))).isInstanceOf(Verdict.Refused.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://[2002:5db8:d70e::]/hook", "https://198.17.255.255/hook", "https://198.20.0.1/hook",
      "https://[64:ff9b:2::1]/hook", "https://[2001:4860:4860::8888]/hook"})
  void publicNeighboursOfThoseRangesPass(String url) {
    assertThat(guard.check(URI.create(url))).isInstanceOf(Verdict.Allowed.class);
  }

  @Test
  void hostNameResolvingToAPrivateAddressIsRefused() {
    DestinationGuard resolving = new DestinationGuard(AddressAllowlist.empty(), fixed(Map.of(
        "hooks.acme.example", new byte[] {93, (byte) 184, (byte) 215, 14},
        "sneaky.acme.example", new byte[] {10, 1, 2, 3})));

    assertThat(resolving.check(URI.create("https://hooks.acme.example/in"))).isInstanceOf(Verdict.Allowed.class);
    assertThat(resolving.check(URI.create("https://sneaky.acme.example/in")))
        .isInstanceOfSatisfying(Verdict.Refused.class, r -> assertThat(r.reason()).contains("private"));
  }

  @Test
  void allowlistedHostsAndNetworksPass() {
    DestinationGuard allowing = DestinationGuard.withSystemResolver(
        AddressAllowlist.of(List.of("localhost", "10.0.0.0/8", "::1")));

    assertThat(allowing.check(URI.create("http://localhost:8080/hook"))).isInstanceOf(Verdict.Allowed.class);
    assertThat(allowing.check(URI.create("http://10.20.30.40/hook"))).isInstanceOf(Verdict.Allowed.class);
    assertThat(allowing.check(URI.create("https://[::1]:9000/hook"))).isInstanceOf(Verdict.Allowed.class);
    assertThat(allowing.check(URI.create("https://192.168.0.1/hook"))).isInstanceOf(Verdict.Refused.class);
    assertThat(allowing.check(URI.create("https://11.0.0.1/hook"))).isInstanceOf(Verdict.Allowed.class);
    assertThat(allowing.check(URI.create("http://11.0.0.1/hook"))).isInstanceOf(Verdict.Refused.class);
  }

  @Test
  void otherSchemesAndCredentialsAreRefused() {
    assertThat(guard.check(URI.create("ftp://example.com/x"))).isInstanceOf(Verdict.Refused.class);
    assertThat(guard.check(URI.create("file:///etc/passwd"))).isInstanceOf(Verdict.Refused.class);
    assertThat(guard.check(URI.create("https://user:pw@93.184.215.14/x"))).isInstanceOf(Verdict.Refused.class);
  }

  @Test
  void unresolvableHostIsTransient() {
    DestinationGuard failing = new DestinationGuard(AddressAllowlist.empty(), host -> {
      throw new UnknownHostException(host);
    });
    assertThat(failing.check(URI.create("https://nowhere.acme.example/in"))).isInstanceOf(Verdict.Unresolvable.class);
  }

  @Test
  void invalidAllowlistEntriesAreNamed() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> AddressAllowlist.of(List.of("10.0.0.0/33")))
        .hasMessageContaining("10.0.0.0/33");
  }

  private static DestinationGuard.HostResolver fixed(Map<String, byte[]> addresses) {
    return host -> {
      byte[] address = addresses.get(host);
      if (address == null) {
        throw new UnknownHostException(host);
      }
      return new InetAddress[] {InetAddress.getByAddress(host, address)};
    };
  }
}
