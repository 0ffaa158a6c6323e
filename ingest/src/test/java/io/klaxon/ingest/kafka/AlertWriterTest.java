package io.klaxon.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertKind;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class AlertWriterTest {
  private final MockProducer<String, AlertEvent> producer =
      new MockProducer<>(false, null, new StringSerializer(), (topic, event) -> new byte[0]);
  private final AlertWriter writer = new AlertWriter(producer, "alerts", Duration.ofSeconds(30));

  private static AlertEvent event(String tenant, String title) {
    return AlertEvent.newBuilder().setEventId("0b7a4c1e-3d2f-4a5b-8c6d-7e8f9a0b1c2d").setTenantId(tenant)
        .setKind(AlertKind.ALERT).setStatus(AlertStatus.FIRING).setSeverity(Severity.INFO).setSource("s")
        .setTitle(title).setMessage("").setOccurredAt(Instant.EPOCH).build();
  }

  @Test
  void answersWrittenOnlyOnceEveryRecordIsAcknowledged() {
    CompletableFuture<WriteResult> result = CompletableFuture.supplyAsync(
        () -> writer.write(List.of(event("acme", "a"), event("acme", "b"))));
    await().until(() -> producer.history().size() == 2);

    producer.completeNext();
    assertThat(result).isNotDone();
    producer.completeNext();

    assertThat(result.join()).isEqualTo(new WriteResult.Written());
    assertThat(producer.history()).extracting(r -> r.key() + ":" + r.topic()).containsExactly("acme:alerts", "acme:alerts");
  }

  @Test
  void oneRecordNotAcknowledgedFailsTheWholeWrite() {
    CompletableFuture<WriteResult> result = CompletableFuture.supplyAsync(
        () -> writer.write(List.of(event("acme", "a"), event("acme", "b"))));
    await().until(() -> producer.history().size() == 2);

    producer.completeNext();
    producer.errorNext(new NotEnoughReplicasException("min.insync.replicas"));

    assertThat(result.join()).isInstanceOf(WriteResult.Failed.class);
  }

  @Test
  void aRefusedSendFailsTheWrite() {
    producer.sendException = new IllegalStateException("registry unreachable");

    assertThat(writer.write(List.of(event("acme", "a")))).isInstanceOf(WriteResult.Failed.class);
  }
}
