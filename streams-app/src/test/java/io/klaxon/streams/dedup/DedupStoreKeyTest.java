package io.klaxon.streams.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DedupStoreKeyTest {
  @Test
  void theTenantIsRecoveredWhateverTheFingerprintHolds() {
    String key = DedupStoreKey.of("acme", "fp-with-acme-and/slashes");
    assertThat(DedupStoreKey.tenantOf(key)).isEqualTo("acme");
    assertThat(key).isNotEqualTo(DedupStoreKey.of("acm", "efp-with-acme-and/slashes"));
    assertThat(DedupStoreKey.tenantOf("no-separator")).isEqualTo("no-separator");
  }
}
