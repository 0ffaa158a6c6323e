package io.klaxon.notifier.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klaxon.notifier.testing.FakeClock;
import io.klaxon.notifier.testing.Requests;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PartitionBackpressureTest {
  private static final TopicPartition P0 = new TopicPartition("notifications", 0);
  private static final TopicPartition P1 = new TopicPartition("notifications", 1);

  private final FakeClock clock = new FakeClock(Instant.parse("2026-11-22T12:00:00Z"));
  private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
  /** A partition is full at 3, each tenant counting for at most 2; one tenant at 5; all at 8. */
  private final PartitionBackpressure backpressure =
      new PartitionBackpressure(new PartitionBackpressure.Limits(3, 2, 5, 8), clock);
  private final Backlog backlog = new Backlog();
  private long nextOffset;

  @BeforeEach
  void assign() {
    consumer.assign(List.of(P0, P1));
  }

  private List<PendingRequest> wait(String tenant, TopicPartition partition, int count) {
    List<PendingRequest> added = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      PendingRequest request = new PendingRequest(partition, nextOffset++,
          Requests.request(Requests.webhook("https://h.example/in", "env:H")).setTenantId(tenant).build());
      backlog.add(request);
      added.add(request);
    }
    return added;
  }

  private void apply() {
    backpressure.apply(consumer, backlog);
  }

  @Test
  void aPartitionWaitingOnSeveralTenantsIsPausedAloneAndResumesWhenItHasRoom() {
    wait("a", P0, 2);
    List<PendingRequest> b = wait("b", P0, 1);
    wait("a", P1, 1);

    apply();
    assertThat(consumer.paused()).containsExactly(P0);

    backlog.remove(b.getFirst());
    apply();
    assertThat(consumer.paused()).isEmpty();
  }

  @Test
  void oneTenantsPileUpDoesNotPauseItsPartitionUntilTheTenantsOwnBound() {
    wait("down", P0, 4);
    wait("ok", P1, 1);

    apply();
    // 4 waiting on P0, but one tenant counts for at most 2 of the partition's 3.
    assertThat(consumer.paused()).isEmpty();

    wait("down", P1, 1);
    apply();
    // 5 of "down" over both partitions: each partition holding its requests is paused.
    assertThat(consumer.paused()).containsExactlyInAnyOrder(P0, P1);
  }

  @Test
  void theTenantsBoundPausesOnlyThePartitionsHoldingItsRequests() {
    wait("down", P0, 5);
    wait("ok", P1, 2);

    apply();
    assertThat(consumer.paused()).containsExactly(P0);
  }

  @Test
  void theTotalBoundPausesEveryPartition() {
    for (String tenant : List.of("a", "b", "c", "d")) {
      wait(tenant, P0, 1);
      wait(tenant, P1, 1);
    }
    consumer.assign(List.of(P0, P1, new TopicPartition("notifications", 2)));

    apply();
    assertThat(consumer.paused()).hasSize(3);
  }

  @Test
  void holdingPausesEveryPartitionUntilTheHoldEnds() {
    backpressure.holdAll(Duration.ofSeconds(1));
    apply();
    assertThat(consumer.paused()).containsExactlyInAnyOrder(P0, P1);

    clock.advance(Duration.ofSeconds(1));
    apply();
    assertThat(consumer.paused()).isEmpty();
  }

  @Test
  void limitsBelowOneAreRefused() {
    assertThatThrownBy(() -> new PartitionBackpressure.Limits(3, 0, 5, 8))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
  }
}
