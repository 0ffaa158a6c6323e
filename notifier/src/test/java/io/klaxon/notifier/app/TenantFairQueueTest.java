package io.klaxon.notifier.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.IsolationLevel;
import io.klaxon.notifier.testing.Requests;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class TenantFairQueueTest {
  private static final TopicPartition P0 = new TopicPartition("notifications", 0);
  private static final TopicPartition P1 = new TopicPartition("notifications", 1);
  private long nextOffset;

  private static TenantFairQueue queue(IsolationLevel level, int shared, int tenantLimit, int strict) {
    return new TenantFairQueue(new TenantAdmission(new TenantAdmission.Limits(level, shared, tenantLimit, strict)));
  }

  private PendingRequest request(String id, TopicPartition partition, IsolationLevel level) {
    String tenant = id.replaceAll("[0-9]+$", "");
    return new PendingRequest(partition, nextOffset++, Requests.request(Requests.webhook("https://h.example/in", "env:H"))
        .setTenantId(tenant).setNotificationId(id).setIsolationLevel(level).build());
  }

  private PendingRequest request(String id) {
    return request(id, P0, null);
  }

  private static List<String> ids(List<PendingRequest> requests) {
    return requests.stream().map(r -> r.request().getNotificationId()).toList();
  }

  @Test
  void aRequestStartsAtOnceWhileItsTenantHasAFreeSlot() {
    TenantFairQueue queue = queue(IsolationLevel.MODERATE, 10, 2, 1);

    assertThat(queue.offer(request("a1"))).isTrue();
    assertThat(queue.offer(request("a2"))).isTrue();
    assertThat(queue.offer(request("a3"))).isFalse();
    assertThat(queue.offer(request("b1"))).isTrue();
    assertThat(queue.size()).isEqualTo(1);
  }

  @Test
  void aNewerRequestWaitsBehindItsTenantsWaitingOnesEvenWhenASlotIsFree() {
    TenantFairQueue queue = queue(IsolationLevel.MODERATE, 10, 1, 1);
    PendingRequest a1 = request("a1");
    assertThat(queue.offer(a1)).isTrue();
    assertThat(queue.offer(request("a2"))).isFalse();

    queue.release(a1);

    assertThat(queue.offer(request("a3"))).isFalse();
    List<PendingRequest> started = queue.takeStartable();
    assertThat(ids(started)).containsExactly("a2");
    queue.release(started.getFirst());
    assertThat(ids(queue.takeStartable())).containsExactly("a3");
  }

  @Test
  void tenantsWaitingForTheSharedCapacityTakeTurns() {
    TenantFairQueue queue = queue(IsolationLevel.BASIC, 1, 1, 1);
    PendingRequest busy = request("x1");
    assertThat(queue.offer(busy)).isTrue();
    for (String id : List.of("a1", "a2", "b1", "b2", "c1")) {
      assertThat(queue.offer(request(id))).isFalse();
    }

    List<String> order = new ArrayList<>();
    PendingRequest running = busy;
    for (int i = 0; i < 5; i++) {
      queue.release(running);
      List<PendingRequest> started = queue.takeStartable();
      assertThat(started).hasSize(1);
      running = started.getFirst();
      order.add(running.request().getNotificationId());
    }

    // A served tenant goes to the back: a, b, c, then a and b again.
    assertThat(order).containsExactly("a1", "b1", "c1", "a2", "b2");
    assertThat(queue.size()).isZero();
  }

  @Test
  void freedSlotsAreSharedOutOneRequestPerTenantPerRound() {
    TenantFairQueue queue = queue(IsolationLevel.BASIC, 4, 4, 1);
    List<PendingRequest> busy = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      PendingRequest x = request("x" + i);
      assertThat(queue.offer(x)).isTrue();
      busy.add(x);
    }
    for (String id : List.of("a1", "a2", "a3", "b1")) {
      queue.offer(request(id));
    }

    busy.forEach(queue::release);

    assertThat(ids(queue.takeStartable())).containsExactly("a1", "b1", "a2", "a3");
  }

  @Test
  void aStrictTenantStartsOnItsOwnSlotsWhileTheSharedCapacityIsTaken() {
    TenantFairQueue queue = queue(IsolationLevel.BASIC, 1, 1, 2);
    assertThat(queue.offer(request("noisy1"))).isTrue();
    assertThat(queue.offer(request("noisy2"))).isFalse();

    assertThat(queue.offer(request("vip1", P0, IsolationLevel.STRICT))).isTrue();
    assertThat(queue.offer(request("vip2", P0, IsolationLevel.STRICT))).isTrue();
    assertThat(queue.offer(request("vip3", P0, IsolationLevel.STRICT))).isFalse();
    assertThat(queue.takeStartable()).isEmpty();
  }

  @Test
  void waitingRequestsAreCountedPerPartitionAndForgottenWithTheirPartition() {
    TenantFairQueue queue = queue(IsolationLevel.BASIC, 1, 1, 1);
    PendingRequest busy = request("x1", P0, null);
    queue.offer(busy);
    queue.offer(request("a1", P0, null));
    queue.offer(request("b1", P1, null));
    queue.offer(request("a2", P1, null));
    queue.offer(request("b2", P0, null));
    assertThat(queue.backlog().of(P0)).isEqualTo(2);
    assertThat(queue.backlog().of(P1)).isEqualTo(2);
    assertThat(queue.size()).isEqualTo(4);

    queue.forget(Set.of(P0));

    assertThat(queue.backlog().of(P0)).isZero();
    assertThat(queue.backlog().of(P1)).isEqualTo(2);
    assertThat(queue.size()).isEqualTo(2);
    queue.release(busy);
    List<PendingRequest> started = queue.takeStartable();
    assertThat(ids(started)).containsExactly("a2");
    assertThat(queue.backlog().of(P1)).isEqualTo(1);
    queue.release(started.getFirst());
    assertThat(ids(queue.takeStartable())).containsExactly("b1");
    assertThat(queue.size()).isZero();
  }
}
