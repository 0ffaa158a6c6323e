package io.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.ops.Env;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthorsTest {
  @Test
  void theAuthorIsTheFlagElseTheVariableElseTheUser() {
    assertThat(Authors.of("jane", Env.of(Map.of("KLAXON_AUTHOR", "ci-bot")))).isEqualTo("jane");
    assertThat(Authors.of(null, Env.of(Map.of("KLAXON_AUTHOR", "ci-bot")))).isEqualTo("ci-bot");
    assertThat(Authors.of(" ", Env.of(Map.of()))).isEqualTo(System.getProperty("user.name"));
  }
}
