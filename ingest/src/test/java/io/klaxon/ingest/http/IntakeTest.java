package io.klaxon.ingest.http;

import static io.klaxon.ingest.http.IntakeFixture.ACME_KEY;
import static io.klaxon.ingest.http.IntakeFixture.BURST;
import static io.klaxon.ingest.http.IntakeFixture.GLOBEX_KEY;
import static io.klaxon.ingest.http.IntakeFixture.REVOKED_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klaxon.events.AlertEvent;
import io.klaxon.ingest.auth.Authentication;
import io.klaxon.ingest.auth.Caller;
import io.klaxon.ingest.mapping.AlertEventFormat;
import io.klaxon.ingest.mapping.AlertmanagerApiFormat;
import io.klaxon.ingest.mapping.PayloadFormat;
import io.klaxon.events.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class IntakeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PayloadFormat ALERTMANAGER = new AlertmanagerApiFormat(Severity.WARNING);
  private static final PayloadFormat EVENTS = new AlertEventFormat();

  private final IntakeFixture fixture = new IntakeFixture();

  private Caller caller(String key) {
    return ((Authentication.Authenticated) fixture.intake.authenticate("Bearer " + key)).caller();
  }

  private Answer send(String key, PayloadFormat format, String body) {
    return fixture.intake.accept(caller(key), format, body.getBytes(StandardCharsets.UTF_8));
  }

  private static String alerts(int count) {
    return IntStream.range(0, count).mapToObj(i -> "{\"labels\": {\"alertname\": \"A" + i + "\"}}")
        .collect(Collectors.joining(",", "[", "]"));
  }

  private static JsonNode body(Answer answer) throws Exception {
    return JSON.readTree(answer.body());
  }

  @Test
  void validAlertsAreWrittenKeyedByTheKeysTenantAndAnswered200() throws Exception {
    Answer answer = send(ACME_KEY, ALERTMANAGER, alerts(2));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(body(answer).path("accepted").asInt()).isEqualTo(2);
    assertThat(fixture.producer.history()).extracting(ProducerRecord::key).containsExactly("acme", "acme");
    assertThat(fixture.producer.history()).extracting(r -> r.value().getTenantId()).containsOnly("acme");
    assertThat(fixture.producer.history()).allMatch(r -> r.topic().equals(IntakeFixture.TOPIC));
    assertThat(fixture.sample("klaxon_ingest_alerts_accepted_total{endpoint=\"alertmanager-api\",tenant=\"acme\"}"))
        .isEqualTo(2.0);
  }

  @Test
  void unknownRevokedAndMissingKeysAreRefusedAndCounted() {
    assertThat(fixture.intake.authenticate("Bearer klx_nobody")).isEqualTo(
        new Authentication.Refused(Authentication.Refusal.UNKNOWN_KEY));
    assertThat(fixture.intake.authenticate("Bearer " + REVOKED_KEY)).isEqualTo(
        new Authentication.Refused(Authentication.Refusal.REVOKED_KEY));
    assertThat(fixture.intake.authenticate(null)).isEqualTo(
        new Authentication.Refused(Authentication.Refusal.MISSING_KEY));
    assertThat(fixture.sample("klaxon_ingest_auth_failures_total{reason=\"unknown_key\"}")).isEqualTo(1.0);
    assertThat(fixture.sample("klaxon_ingest_auth_failures_total{reason=\"revoked_key\"}")).isEqualTo(1.0);
  }

  @Test
  void aKeyOfOneTenantNeverWritesForAnother() throws Exception {
    Answer claimed = send(ACME_KEY, EVENTS, "{\"tenantId\": \"globex\", \"severity\": \"HIGH\", \"source\": \"s\", \"title\": \"t\"}");
    Answer labelled = send(ACME_KEY, ALERTMANAGER, "[{\"labels\": {\"alertname\": \"A\", \"tenant\": \"globex\", \"tenantId\": \"globex\"}}]");
    Answer globex = send(GLOBEX_KEY, EVENTS, "{\"severity\": \"HIGH\", \"source\": \"s\", \"title\": \"t\"}");

    assertThat(claimed.status()).isEqualTo(400);
    assertThat(body(claimed).path("errors").get(0).path("field").asText()).isEqualTo("tenantId");
    assertThat(labelled.status()).isEqualTo(200);
    assertThat(globex.status()).isEqualTo(200);
    assertThat(fixture.producer.history()).extracting(r -> r.key() + "/" + r.value().getTenantId())
        .containsExactly("acme/acme", "globex/globex");
  }

  @Test
  void aMixedRequestWritesTheValidItemsAndNamesEachBadItemAndField() throws Exception {
    Answer answer = send(ACME_KEY, ALERTMANAGER, """
        [{"labels": {"alertname": "A"}},
         {"labels": {"job": "api"}, "startsAt": "soon"},
         {"labels": {"alertname": "B"}},
         "not an alert"]
        """);

    assertThat(answer.status()).isEqualTo(400);
    JsonNode body = body(answer);
    assertThat(body.path("accepted").asInt()).isEqualTo(2);
    assertThat(body.path("rejected").asInt()).isEqualTo(2);
    assertThat(body.path("errors")).extracting(e -> e.path("index").asInt() + ":" + e.path("field").asText())
        .containsExactlyInAnyOrder("1:labels.alertname", "1:startsAt", "3:");
    assertThat(fixture.producer.history()).extracting(r -> r.value().getTitle()).containsExactly("A", "B");
    assertThat(fixture.sample("klaxon_ingest_alerts_rejected_total{reason=\"invalid\",tenant=\"acme\"}")).isEqualTo(2.0);
  }

  @Test
  void aBodyThatIsNotTheFormatIsRefusedWhole() throws Exception {
    assertThat(send(ACME_KEY, ALERTMANAGER, "{not json").status()).isEqualTo(400);
    assertThat(send(ACME_KEY, ALERTMANAGER, "").status()).isEqualTo(400);
    Answer object = send(ACME_KEY, ALERTMANAGER, "{\"labels\": {\"alertname\": \"A\"}}");

    assertThat(object.status()).isEqualTo(400);
    assertThat(body(object).path("message").asText()).contains("array");
    assertThat(fixture.producer.history()).isEmpty();
  }

  @Test
  void overTheQuotaNothingIsWrittenAndTheAnswerSaysWhenToComeBack() throws Exception {
    assertThat(send(ACME_KEY, ALERTMANAGER, alerts(4)).status()).isEqualTo(200);

    Answer refused = send(ACME_KEY, ALERTMANAGER, alerts(3));

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.headers()).containsEntry("Retry-After", "2");
    assertThat(fixture.producer.history()).hasSize(4);
    fixture.quotaNanos.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(send(ACME_KEY, ALERTMANAGER, alerts(3)).status()).isEqualTo(200);
    assertThat(send(GLOBEX_KEY, ALERTMANAGER, alerts(BURST)).status()).isEqualTo(200);
    assertThat(fixture.sample("klaxon_ingest_alerts_rejected_total{reason=\"over_quota\",tenant=\"acme\"}")).isEqualTo(3.0);
  }

  @Test
  void moreAlertsThanTheBurstAreRefusedAs413() {
    Answer answer = send(ACME_KEY, ALERTMANAGER, alerts(BURST + 1));

    assertThat(answer.status()).isEqualTo(413);
    assertThat(fixture.producer.history()).isEmpty();
  }

  @Test
  void whenKafkaDoesNotAcknowledgeTheAnswerIs503() {
    fixture.producer.sendException = new org.apache.kafka.common.errors.TimeoutException("broker gone");

    Answer answer = send(ACME_KEY, ALERTMANAGER, alerts(1));

    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.headers()).containsKey("Retry-After");
    assertThat(fixture.sample("klaxon_ingest_alerts_rejected_total{reason=\"not_acknowledged\",tenant=\"acme\"}"))
        .isEqualTo(1.0);
  }

  @Test
  void anEmptyListIsAcceptedAsNothing() throws Exception {
    Answer answer = send(ACME_KEY, ALERTMANAGER, "[]");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(body(answer).path("accepted").asInt()).isZero();
  }

  @Test
  void theEventsWrittenAreTheMappedOnes() {
    send(ACME_KEY, EVENTS, "{\"severity\": \"critical\", \"source\": \"checkout\", \"title\": \"Payments down\"}");

    AlertEvent event = fixture.producer.history().getFirst().value();
    assertThat(event.getSeverity()).isEqualTo(Severity.CRITICAL);
    assertThat(event.getOccurredAt()).isEqualTo(IntakeFixture.NOW);
  }
}
