package io.klaxon.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.ops.Env;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class StandInSecretsTest {
  private static final String KEY = Base64.getEncoder().encodeToString("the stack key of this test run!!".getBytes(StandardCharsets.UTF_8));

  @Test
  void theSecretOfAReferenceIsTheSameOnEverySideAndDiffersByReferenceAndKey() {
    String acme = StandInSecrets.secretFor(KEY, "env:ACME_WEBHOOK_SECRET");

    assertThat(acme).startsWith("whsec_").isEqualTo(StandInSecrets.secretFor(KEY, "env:ACME_WEBHOOK_SECRET"));
    assertThat(Base64.getDecoder().decode(acme.substring(6))).hasSize(32);
    assertThat(StandInSecrets.secretFor(KEY, "env:GLOBEX_WEBHOOK_SECRET")).isNotEqualTo(acme);
    assertThat(StandInSecrets.secretFor(StandInSecrets.newKey(), "env:ACME_WEBHOOK_SECRET")).isNotEqualTo(acme);
  }

  @Test
  void onlyEnvironmentReferencesAreDerived() {
    assertThat(StandInSecrets.secretFor(KEY, "file:/run/secrets/acme")).isNull();
    assertThat(StandInSecrets.secretFor(KEY, null)).isNull();
  }

  @Test
  void theNotifiersEnvironmentPrefersItsOwnVariablesThenDerivesWithAKey() {
    Function<String, String> withKey = StandInSecrets.environment(Env.of(Map.of(
        StandInSecrets.KEY_VARIABLE, KEY, "ACME_SLACK_WEBHOOK", "http://127.0.0.1:8091/services/acme/oncall")));

    assertThat(withKey.apply("ACME_SLACK_WEBHOOK")).isEqualTo("http://127.0.0.1:8091/services/acme/oncall");
    assertThat(withKey.apply("ACME_WEBHOOK_SECRET")).isEqualTo(StandInSecrets.secretFor(KEY, "env:ACME_WEBHOOK_SECRET"));
    assertThat(withKey.apply(StandInSecrets.KEY_VARIABLE)).as("the key itself is no tenant's secret").isNull();

    Function<String, String> withoutKey = StandInSecrets.environment(Env.of(Map.of("SET", "value")));
    assertThat(withoutKey.apply("SET")).isEqualTo("value");
    assertThat(withoutKey.apply("ACME_WEBHOOK_SECRET")).isNull();
  }

  @Test
  void aRoutingKeyHasPagerDutysShapeAndDiffersFromTheSigningSecretOfTheSameReference() {
    String umbrella = StandInSecrets.routingKeyFor(KEY, "env:UMBRELLA_PAGERDUTY_KEY");

    assertThat(umbrella).matches("[0-9a-f]{32}").isEqualTo(StandInSecrets.routingKeyFor(KEY, " env:UMBRELLA_PAGERDUTY_KEY "));
    assertThat(StandInSecrets.routingKeyFor(KEY, "env:ACME_PAGERDUTY_KEY")).isNotEqualTo(umbrella);
    assertThat(StandInSecrets.routingKeyFor(StandInSecrets.newKey(), "env:UMBRELLA_PAGERDUTY_KEY")).isNotEqualTo(umbrella);
    assertThat(StandInSecrets.secretFor(KEY, "env:UMBRELLA_PAGERDUTY_KEY")).doesNotContain(umbrella);
  }
}
