package io.klaxon.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BearerTokenTest {
  @Test
  void readsTheTokenOfABearerHeaderOnly() {
    assertThat(BearerToken.from("Bearer klx_abc")).contains("klx_abc");
    assertThat(BearerToken.from("bearer   klx_abc  ")).contains("klx_abc");
    assertThat(BearerToken.from("Basic dXNlcjpwdw==")).isEmpty();
    assertThat(BearerToken.from("Bearer ")).isEmpty();
    assertThat(BearerToken.from(null)).isEmpty();
  }
}
