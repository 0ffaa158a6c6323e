package io.klaxon.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
  @Test
  void aNewKeyHasThePrefixAndFullEntropyAndIsNeverItsOwnHash() {
    SecureRandom random = new SecureRandom();
    String key = ApiKeys.newKey(random);

    assertThat(key).startsWith("klx_").hasSize(47).matches("klx_[A-Za-z0-9_-]{43}");
    assertThat(ApiKeys.newKey(random)).isNotEqualTo(key);
    assertThat(ApiKeys.looksLikeKey(key)).isTrue();
    assertThat(ApiKeys.looksLikeKey(ApiKeys.hash(key))).isFalse();
  }

  @Test
  void theHashIsSha256OfTheKeyText() {
    // sha256("abc"), the FIPS 180-2 test vector.
    assertThat(ApiKeys.hash("abc"))
        .isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        .matches(ApiKeys.HASH);
  }
}
