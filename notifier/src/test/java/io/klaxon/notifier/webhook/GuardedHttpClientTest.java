package io.klaxon.notifier.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.MediaType;
import org.junit.jupiter.api.Test;

class GuardedHttpClientTest {
  private final AtomicInteger lookups = new AtomicInteger();
  private final GuardedHttpClient http = new GuardedHttpClient(new DestinationGuard(AddressAllowlist.empty(), host -> {
    lookups.incrementAndGet();
    return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {10, 0, 0, 1})};
  }), Duration.ofSeconds(1), Duration.ofSeconds(1));

  @Test
  void aDestinationIsParsedAndJudgedOnceAndKeptForItsText() {
    GuardedHttpClient.Destination first = http.destination(" https://hooks.acme.example/in?x=1 ").orElseThrow();

    assertThat(first.url().host()).isEqualTo("hooks.acme.example");
    assertThat(first.url().query()).isEqualTo("x=1");
    assertThat(first.verdict()).isInstanceOf(DestinationGuard.Verdict.Allowed.class);
    assertThat(http.destination(" https://hooks.acme.example/in?x=1 ")).containsSame(first);
    assertThat(lookups).as("judging the URL resolves nothing; the client's resolver does, at connect").hasValue(0);
  }

  @Test
  void textThatIsNotAnHttpUrlIsNoDestinationEveryTime() {
    assertThat(http.destination("ftp://files.acme.example/x")).isEmpty();
    assertThat(http.destination("not a url")).isEmpty();
    assertThat(http.destination("not a url")).isEmpty();
  }

  @Test
  void aRefusedLiteralStaysRefusedAndIsNeverCalled() {
    GuardedHttpClient.Destination internal = http.destination("https://10.0.0.1/hook").orElseThrow();

    assertThat(internal.verdict()).isInstanceOfSatisfying(DestinationGuard.Verdict.Refused.class,
        refused -> assertThat(refused.reason()).contains("10.0.0.1"));
    assertThatThrownBy(() -> http.post(internal, Map.of(), MediaType.get("application/json"), new byte[0]))
        .isInstanceOf(DestinationRefusedException.class).hasMessageContaining("10.0.0.1");
    assertThat(http.destination("https://10.0.0.1/hook")).containsSame(internal);
  }

  @Test
  void aHostNameThatResolvesInsideIsRefusedAtConnectEvenThoughItsUrlWasKept() {
    GuardedHttpClient.Destination named = http.destination("https://rebind.acme.example/hook").orElseThrow();
    assertThat(named.verdict()).isInstanceOf(DestinationGuard.Verdict.Allowed.class);

    assertThatThrownBy(() -> http.post(named, Map.of(), MediaType.get("application/json"), new byte[0]))
        .isInstanceOf(DestinationRefusedException.class).hasMessageContaining("non-public");
    assertThatThrownBy(() -> http.post(named, Map.of(), MediaType.get("application/json"), new byte[0]))
        .isInstanceOf(DestinationRefusedException.class);
    assertThat(lookups).as("each new connection looks the name up again").hasValue(2);
  }

  @Test
  void theKeptDestinationsAreBounded() {
    for (int i = 0; i < GuardedHttpClient.MAX_DESTINATIONS + 10; i++) {
      assertThat(http.destination("https://hooks.acme.example/in/" + i)).isPresent();
    }

    assertThat(http.destinationsKept()).isLessThanOrEqualTo(GuardedHttpClient.MAX_DESTINATIONS);
  }
}
