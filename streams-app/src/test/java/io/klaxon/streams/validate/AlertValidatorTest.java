package io.klaxon.streams.validate;

import static io.klaxon.streams.Samples.MINUTE;
import static io.klaxon.streams.Samples.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.AlertEvent;
import io.klaxon.events.DeadLetterReason;
import io.klaxon.events.Link;
import io.klaxon.events.Severity;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.streams.Samples;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AlertValidatorTest {
  private static final TenantConfig ACME = Samples.tenant("acme", Tier.ENTERPRISE);
  private final AlertValidator validator = new AlertValidator(Duration.ofMinutes(5));

  private static AlertEvent.Builder valid() {
    return Samples.alert("6f1c2a9e-8d1b-4c57-9f0e-2b7f3d4a5c6e", "acme", Severity.HIGH, "Disk full")
        .setLinks(List.of(new Link("https://runbooks.acme.example/disk", "Runbook")));
  }

  private Optional<Rejection> validate(AlertEvent.Builder event) {
    return validator.validate(event.build(), ACME, T0);
  }

  private static Map<String, String> labels(int count) {
    Map<String, String> labels = new HashMap<>();
    for (int i = 0; i < count; i++) {
      labels.put("l" + i, "v");
    }
    return labels;
  }

  private static List<Link> links(int count) {
    List<Link> links = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      links.add(new Link("https://acme.example/" + i, null));
    }
    return links;
  }

  @Test
  void aValidEventPasses() {
    assertThat(validate(valid())).isEmpty();
  }

  @Test
  void optionalFieldsMayBeLeftOutOrEmpty() {
    assertThat(validate(valid().setMessage("").setLabels(Map.of()).setLinks(List.of()).setFingerprint(null).setLocale(null)))
        .isEmpty();
  }

  static Stream<Arguments> invalidFields() {
    return Stream.of(
        Arguments.of("tenantId", (UnaryOperator<AlertEvent.Builder>) e -> e.setTenantId("Acme Corp")),
        Arguments.of("tenantId", (UnaryOperator<AlertEvent.Builder>) e -> e.setTenantId("ab")),
        Arguments.of("eventId", (UnaryOperator<AlertEvent.Builder>) e -> e.setEventId("not-a-uuid")),
        Arguments.of("source", (UnaryOperator<AlertEvent.Builder>) e -> e.setSource(" ")),
        Arguments.of("source", (UnaryOperator<AlertEvent.Builder>) e -> e.setSource("s".repeat(129))),
        Arguments.of("title", (UnaryOperator<AlertEvent.Builder>) e -> e.setTitle("")),
        Arguments.of("title", (UnaryOperator<AlertEvent.Builder>) e -> e.setTitle("t".repeat(257))),
        Arguments.of("message", (UnaryOperator<AlertEvent.Builder>) e -> e.setMessage("m".repeat(4097))),
        Arguments.of("fingerprint", (UnaryOperator<AlertEvent.Builder>) e -> e.setFingerprint(" ")),
        Arguments.of("fingerprint", (UnaryOperator<AlertEvent.Builder>) e -> e.setFingerprint("f".repeat(129))),
        Arguments.of("labels", (UnaryOperator<AlertEvent.Builder>) e -> e.setLabels(labels(33))),
        Arguments.of("labels.bad label", (UnaryOperator<AlertEvent.Builder>) e -> e.setLabels(Map.of("bad label", "v"))),
        Arguments.of("labels.1st", (UnaryOperator<AlertEvent.Builder>) e -> e.setLabels(Map.of("1st", "v"))),
        Arguments.of("labels.env", (UnaryOperator<AlertEvent.Builder>) e -> e.setLabels(Map.of("env", "v".repeat(257)))),
        Arguments.of("links", (UnaryOperator<AlertEvent.Builder>) e -> e.setLinks(links(11))),
        Arguments.of("links[1].url", (UnaryOperator<AlertEvent.Builder>) e -> e.setLinks(List.of(
            new Link("https://acme.example/ok", null), new Link("javascript:alert(1)", null)))),
        Arguments.of("links[0].url", (UnaryOperator<AlertEvent.Builder>) e -> e.setLinks(List.of(new Link("/relative", null)))),
        Arguments.of("links[0].url", (UnaryOperator<AlertEvent.Builder>) e -> e.setLinks(List.of(
            new Link("https://acme.example/" + "p".repeat(2048), null)))),
        Arguments.of("links[0].text", (UnaryOperator<AlertEvent.Builder>) e -> e.setLinks(List.of(
            new Link("https://acme.example/", "x".repeat(257))))),
        Arguments.of("locale", (UnaryOperator<AlertEvent.Builder>) e -> e.setLocale("not_a_locale!")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidFields")
  void eachInvalidFieldIsRefusedNamingItsPath(String path, UnaryOperator<AlertEvent.Builder> breakIt) {
    Optional<Rejection> rejection = validate(breakIt.apply(valid()));

    assertThat(rejection).isPresent();
    assertThat(rejection.get().reason()).isEqualTo(DeadLetterReason.INVALID_FIELD);
    assertThat(rejection.get().fieldPath()).isEqualTo(path);
    assertThat(rejection.get().detail()).startsWith(path + ": ");
  }

  @Test
  void limitsAreInclusive() {
    assertThat(validate(valid().setTitle("t".repeat(256)).setSource("s".repeat(128)).setMessage("m".repeat(4096))
        .setFingerprint("f".repeat(128)).setLabels(labels(32)).setLinks(links(10)))).isEmpty();
  }

  @Test
  void anUnknownTenantHasItsOwnReasonAndNoFieldPath() {
    Optional<Rejection> rejection = validator.validate(valid().build(), null, T0);

    assertThat(rejection).get().extracting(Rejection::reason).isEqualTo(DeadLetterReason.UNKNOWN_TENANT);
    assertThat(rejection.get().fieldPath()).isNull();
    assertThat(rejection.get().detail()).contains("'acme'");
  }

  @Test
  void aDisabledTenantHasItsOwnReason() {
    TenantConfig disabled = TenantConfig.newBuilder(ACME).setEnabled(false).build();

    Optional<Rejection> rejection = validator.validate(valid().build(), disabled, T0);

    assertThat(rejection).get().extracting(Rejection::reason).isEqualTo(DeadLetterReason.TENANT_DISABLED);
    assertThat(rejection.get().fieldPath()).isNull();
  }

  @Test
  void anEventFromTooFarInTheFutureIsRefusedByRecordTimeNotTheClock() {
    Optional<Rejection> ahead = validate(valid().setOccurredAt(Instant.ofEpochMilli(T0 + 5 * MINUTE + 1)));

    assertThat(ahead).get().extracting(Rejection::reason).isEqualTo(DeadLetterReason.TIMESTAMP_IN_FUTURE);
    assertThat(ahead.get().fieldPath()).isEqualTo("occurredAt");
    assertThat(validate(valid().setOccurredAt(Instant.ofEpochMilli(T0 + 5 * MINUTE)))).as("at the limit").isEmpty();
    assertThat(validate(valid().setOccurredAt(Instant.ofEpochMilli(T0 - 24 * 60 * MINUTE)))).as("the past is fine").isEmpty();
  }

  @Test
  void theFirstFailureWinsInTheDocumentedOrder() {
    AlertEvent.Builder everythingWrong = valid().setTenantId("Acme Corp").setEventId("nope").setTitle("");

    assertThat(validate(everythingWrong)).get().extracting(Rejection::fieldPath).isEqualTo("tenantId");
    assertThat(validator.validate(valid().setEventId("nope").build(), null, T0)).as("tenant before fields")
        .get().extracting(Rejection::reason).isEqualTo(DeadLetterReason.UNKNOWN_TENANT);
    assertThat(validate(valid().setEventId("nope").setOccurredAt(Instant.ofEpochMilli(T0 + 60 * MINUTE))))
        .as("fields before time").get().extracting(Rejection::fieldPath).isEqualTo("eventId");
  }
}
