package io.klaxon.cli.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The small syntax checks used by the tenant reader: secret references, addresses, suggestions.
 * Durations are Klaxon's one grammar, tested in {@code io.klaxon.ops.DurationsTest}.
 */
class FieldSyntaxTest {

  @Test
  void secretReferences() {
    assertThat(SecretReference.check("env:ACME_SLACK_WEBHOOK")).isEmpty();
    assertThat(SecretReference.check("file:/run/secrets/acme")).isEmpty();
    assertThat(SecretReference.check("env:")).get().asString().startsWith("invalid environment variable name");
    assertThat(SecretReference.check("file:/run/secrets/")).get().asString().startsWith("'file:' must be followed");
    assertThat(SecretReference.check("xoxb-123")).get().asString().startsWith("looks like a literal secret");
    assertThat(SecretReference.check("https://hooks.slack.com/x")).get().asString().startsWith("looks like a literal secret");
    assertThat(SecretReference.check("short")).get().asString().startsWith("must be a secret reference");
  }

  @Test
  void emailAddresses() {
    assertThat(EmailAddress.isValid("ops@acme.example")).isTrue();
    assertThat(EmailAddress.isValid("first.last+tag@mail.acme-corp.example")).isTrue();
    assertThat(EmailAddress.isValid("no-at-sign")).isFalse();
    assertThat(EmailAddress.isValid("two@@acme.example")).isFalse();
    assertThat(EmailAddress.isValid("Ops <ops@acme.example>")).isFalse();
    assertThat(EmailAddress.isValid("dot.@acme.example")).isFalse();
  }

  @Test
  void suggestions() {
    assertThat(Suggestions.closest("continu", List.of("name", "continue"))).contains("continue");
    assertThat(Suggestions.closest("brust", List.of("perMinute", "burst"))).contains("burst");
    assertThat(Suggestions.closest("zzz", List.of("name", "continue"))).isEmpty();
  }
}
