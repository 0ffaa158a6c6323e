package io.klaxon.ops.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klaxon.ops.Env;
import io.klaxon.privacy.MasterKey;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MasterKeySettingsTest {
  private static final String KEY = MasterKey.generate();
  private static final String OTHER = MasterKey.generate();
  private final SecretResolver secrets = new SecretResolver(Map.of("MK", KEY, "OLD", OTHER, "SHORT", "c2hvcnQ=")::get);

  @Test
  void noReferenceMeansNoMasterKeyAndNothingSealed() {
    assertThat(MasterKeySettings.from(Env.of(Map.of()), secrets)).isEmpty();
    assertThat(MasterKeySettings.keyring(Env.of(Map.of()), secrets).enabled()).isFalse();
  }

  @Test
  void theCurrentAndPreviousKeysAreReadThroughTheirReferences() {
    var keys = MasterKeySettings.from(Env.of(Map.of("KLAXON_MASTER_KEY_REF", "env:MK", "KLAXON_PREVIOUS_MASTER_KEY_REF",
        "env:OLD")), secrets).orElseThrow();
    assertThat(keys.current().id()).isEqualTo(MasterKey.parse("t", KEY).id());
  }

  @Test
  void aMasterKeyThatCannotBeReadIsAnErrorNamingTheVariable() {
    assertThatThrownBy(() -> MasterKeySettings.from(Env.of(Map.of("KLAXON_MASTER_KEY_REF", "env:NOPE")), secrets))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("KLAXON_MASTER_KEY_REF: secret env:NOPE is not set");
    assertThatThrownBy(() -> MasterKeySettings.from(Env.of(Map.of("KLAXON_MASTER_KEY_REF", "file:/nonexistent/mk")), secrets))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("KLAXON_MASTER_KEY_REF: secret file:/nonexistent/mk cannot be read");
    assertThatThrownBy(() -> MasterKeySettings.from(Env.of(Map.of("KLAXON_MASTER_KEY_REF", "env:SHORT")), secrets))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("KLAXON_MASTER_KEY_REF: the master key must be 32 bytes");
    assertThatThrownBy(() -> MasterKeySettings.from(Env.of(Map.of("KLAXON_MASTER_KEY_REF", "env:MK",
        "KLAXON_PREVIOUS_MASTER_KEY_REF", "vault:x")), secrets))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("KLAXON_PREVIOUS_MASTER_KEY_REF: secret reference must start");
    assertThatThrownBy(() -> MasterKeySettings.from(Env.of(Map.of("KLAXON_PREVIOUS_MASTER_KEY_REF", "env:OLD")), secrets))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("KLAXON_MASTER_KEY_REF is not");
  }
}
