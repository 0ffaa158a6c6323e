package io.klaxon.cli.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The small syntax checks used by the tenant reader: durations, secret references, addresses, suggestions. */
class FieldSyntaxTest {

  @Test
  void durations() {
    assertThat(DurationText.parse("500ms")).contains(Duration.ofMillis(500));
    assertThat(DurationText.parse("5m")).contains(Duration.ofMinutes(5));
    assertThat(DurationText.parse("1h30m")).contains(Duration.ofMinutes(90));
    assertThat(DurationText.parse("2d")).contains(Duration.ofDays(2));
    assertThat(DurationText.parse("PT4H")).contains(Duration.ofHours(4));
    assertThat(DurationText.parse("5")).isEmpty();
    assertThat(DurationText.parse("5 minutes")).isEmpty();
    assertThat(DurationText.parse("-5m")).isEmpty();
    assertThat(DurationText.parse("Pxyz")).isEmpty();
  }

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
