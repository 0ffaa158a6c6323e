package io.klaxon.streams;

import static io.klaxon.streams.TopologyFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klaxon.events.DeadLetter;
import io.klaxon.events.DeadLetterReason;
import io.klaxon.events.Tier;
import io.klaxon.registry.SchemaRegistryUnavailableException;
import io.klaxon.streams.validate.UnknownSchemaIds;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Records whose schema id the registry does not know: one lookup per id and period, never a dead letter for an outage. */
class UnknownSchemaIdTest {
  private static final byte[] ID_12345 = {0, 0, 0, 0x30, 0x39, 2, 4};
  private static final byte[] ID_12346 = {0, 0, 0, 0x30, 0x3a, 2, 4};

  private FlakySchemaRegistry flaky;
  private TopologyFixture fx;

  @BeforeEach
  void start() {
    fx = new TopologyFixture(registry -> (flaky = new FlakySchemaRegistry(registry)).registry());
    fx.putTenant(TopologyFixture.tenant("acme", Tier.ENTERPRISE));
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  @Test
  void aRunOfRecordsWithOneUnknownIdAsksTheRegistryOnceAndDeadLettersEach() {
    int before = flaky.lookups();
    for (int i = 0; i < 5; i++) {
      fx.sendRaw("acme", ID_12345, T0 + i);
    }
    fx.sendRaw("acme", ID_12346, T0 + 5);

    assertThat(flaky.lookups() - before).as("one per id").isEqualTo(2);
    assertThat(fx.drainDeadLetters()).hasSize(6).allSatisfy(letter -> {
      assertThat(letter.getReason()).isEqualTo(DeadLetterReason.UNKNOWN_SCHEMA);
      assertThat(letter.getDetail()).contains("Unknown schema id", "bytes 1-4");
    }).extracting(DeadLetter::getSchemaId).containsExactly(12345, 12345, 12345, 12345, 12345, 12346);
  }

  @Test
  void theRegistryIsAskedAgainOnceTheAnswerIsOlderThanItsTimeToLive() {
    fx.sendRaw("acme", ID_12345, T0);
    int afterFirst = flaky.lookups();

    fx.driver.advanceWallClockTime(UnknownSchemaIds.DEFAULT_TTL.minus(Duration.ofMillis(1)));
    fx.sendRaw("acme", ID_12345, T0 + 1);
    assertThat(flaky.lookups()).isEqualTo(afterFirst);

    fx.driver.advanceWallClockTime(Duration.ofMillis(1));
    fx.sendRaw("acme", ID_12345, T0 + 2);
    assertThat(flaky.lookups()).isEqualTo(afterFirst + 1);
    assertThat(fx.drainDeadLetters()).hasSize(3);
  }

  @Test
  void aRegistryOutageIsNotRememberedAsAnUnknownId() {
    flaky.setReachable(false);
    assertThatThrownBy(() -> fx.sendRaw("acme", ID_12345, T0))
        .hasRootCauseInstanceOf(SchemaRegistryUnavailableException.class);
    assertThatThrownBy(() -> fx.sendRaw("acme", ID_12345, T0))
        .as("still asks, still fails the task").hasRootCauseInstanceOf(SchemaRegistryUnavailableException.class);
    assertThat(fx.drainDeadLetters()).isEmpty();

    flaky.setReachable(true);
    fx.sendRaw("acme", ID_12345, T0);
    assertThat(fx.drainDeadLetters()).extracting(DeadLetter::getReason).containsExactly(DeadLetterReason.UNKNOWN_SCHEMA);
  }
}
