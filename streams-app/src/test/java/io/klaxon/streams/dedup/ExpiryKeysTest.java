package io.klaxon.streams.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

class ExpiryKeysTest {

  @Test
  void aKeyGivesBackItsTimeAndStoreKey() {
    String storeKey = DedupStoreKey.of("acme", "disk-full/äöü");
    Bytes key = ExpiryKeys.of(1_700_000_000_000L, storeKey);

    assertThat(ExpiryKeys.expiryOf(key)).isEqualTo(1_700_000_000_000L);
    assertThat(ExpiryKeys.storeKeyOf(key)).isEqualTo(storeKey);
  }

  @Test
  void keysSortByTimeFirstNegativeTimesIncluded() {
    List<Bytes> keys = new ArrayList<>(List.of(
        ExpiryKeys.of(Long.MAX_VALUE, "a"), ExpiryKeys.of(5, "a"), ExpiryKeys.of(-5, "z"), ExpiryKeys.of(4, "zzz"),
        ExpiryKeys.of(Long.MIN_VALUE, "m"), ExpiryKeys.of(0, "b"), ExpiryKeys.of(0, "a")));
    keys.sort(null);

    assertThat(keys).extracting(ExpiryKeys::expiryOf).containsExactly(Long.MIN_VALUE, -5L, 0L, 0L, 4L, 5L, Long.MAX_VALUE);
    assertThat(ExpiryKeys.storeKeyOf(keys.get(2))).isEqualTo("a");
  }

  @Test
  void aScanUpToBeforeTakesKeysDueEarlierAndNoneDueThen() {
    Bytes upTo = ExpiryKeys.before(1_000);

    assertThat(ExpiryKeys.of(999, "\uffff\uffff").compareTo(upTo)).isNegative();
    assertThat(ExpiryKeys.of(1_000, "").compareTo(upTo)).as("no store key is empty, but even so").isZero();
    assertThat(ExpiryKeys.of(1_000, "a").compareTo(upTo)).isPositive();
    assertThat(ExpiryKeys.from(-3).compareTo(ExpiryKeys.of(-3, "a"))).isNegative();
    assertThat(ExpiryKeys.from(-3).compareTo(ExpiryKeys.of(-4, "zz"))).isPositive();
  }

  @Test
  void theCompletionMarkSortsBeforeEveryTime() {
    assertThat(ExpiryKeys.COMPLETE.compareTo(ExpiryKeys.from(Long.MIN_VALUE))).isNegative();
  }

  @Test
  void expirySaturatesInsteadOfWrappingAround() {
    assertThat(ExpiryKeys.expiry(1_000, 300_000)).isEqualTo(301_000);
    assertThat(ExpiryKeys.expiry(Long.MAX_VALUE - 10, 300_000)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void aKeyShorterThanItsTimeIsRefusedNamingTheLength() {
    assertThatThrownBy(() -> ExpiryKeys.expiryOf(Bytes.wrap(new byte[3])))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 bytes");
  }
}
