package io.klaxon.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ControlKeysTest {
  @Test
  void keysNameOneSilenceOrOneAlertOfATenant() {
    assertThat(ControlKeys.silence("acme", "3f1c")).isEqualTo("acme/3f1c");
    assertThat(ControlKeys.ack("acme", "a1b2")).isEqualTo("acme/a1b2");
    assertThat(ControlKeys.silence("acme", "x")).isNotEqualTo(ControlKeys.silence("acme", "y"));
  }

  @Test
  void theTenantIsWhatPrecedesTheFirstSlash() {
    assertThat(ControlKeys.tenantOf("acme/fp/with/slashes")).isEqualTo("acme");
    assertThat(ControlKeys.tenantOf("acme")).isNull();
    assertThat(ControlKeys.tenantOf("Not A Tenant/x")).isNull();
    assertThat(ControlKeys.tenantOf(null)).isNull();
    assertThat(ControlKeys.silence("acme", "x")).startsWith(ControlKeys.tenantPrefix("acme"));
    assertThat(ControlKeys.silence("acme-eu", "x")).doesNotStartWith(ControlKeys.tenantPrefix("acme"));
  }
}
