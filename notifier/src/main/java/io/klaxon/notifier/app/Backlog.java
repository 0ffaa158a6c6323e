package io.klaxon.notifier.app;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The requests read and not being sent: waiting for a delivery slot ({@link TenantFairQueue}) or
 * parked on their destination's backoff ({@link DeliverySlots}), counted per partition and
 * tenant, per tenant and in all, so {@link PartitionBackpressure} can tell one tenant's pile-up
 * from a partition that is behind for everyone.
 *
 * <p>Not thread-safe: owned by the consumer loop.
 */
final class Backlog {
  private final Map<TopicPartition, Map<String, Integer>> byPartition = new HashMap<>();
  private final Map<String, Integer> byTenant = new HashMap<>();
  private int total;

  /** {@code request} waits. */
  void add(PendingRequest request) {
    byPartition.computeIfAbsent(request.partition(), p -> new HashMap<>()).merge(request.tenant(), 1, Integer::sum);
    byTenant.merge(request.tenant(), 1, Integer::sum);
    total++;
  }

  /** {@code request}, which {@link #add} counted, no longer waits. */
  void remove(PendingRequest request) {
    Map<String, Integer> tenants = byPartition.get(request.partition());
    if (tenants == null || !tenants.containsKey(request.tenant())) {
      throw new IllegalStateException("request of " + request.tenant() + " at " + request.partition() + " is not waiting");
    }
    if (tenants.computeIfPresent(request.tenant(), (t, n) -> n == 1 ? null : n - 1) == null && tenants.isEmpty()) {
      byPartition.remove(request.partition());
    }
    byTenant.computeIfPresent(request.tenant(), (t, n) -> n == 1 ? null : n - 1);
    total--;
  }

  /** Requests of {@code partition} waiting. */
  int of(TopicPartition partition) {
    Map<String, Integer> tenants = byPartition.get(partition);
    return tenants == null ? 0 : tenants.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Requests of {@code tenant} waiting, over all partitions. */
  int ofTenant(String tenant) {
    return byTenant.getOrDefault(tenant, 0);
  }

  /**
   * How full {@code partition} is for everyone: its waiting requests, each tenant counted for at
   * most {@code tenantShare} of them, so one tenant's pile-up alone does not fill it.
   */
  int pressure(TopicPartition partition, int tenantShare) {
    Map<String, Integer> tenants = byPartition.get(partition);
    if (tenants == null) {
      return 0;
    }
    int pressure = 0;
    for (int count : tenants.values()) {
      pressure += Math.min(count, tenantShare);
    }
    return pressure;
  }

  /** The largest number of waiting requests, over all partitions, of a tenant that has requests waiting on {@code partition}. */
  int largestTenantOn(TopicPartition partition) {
    Map<String, Integer> tenants = byPartition.get(partition);
    if (tenants == null) {
      return 0;
    }
    int largest = 0;
    for (String tenant : tenants.keySet()) {
      largest = Math.max(largest, ofTenant(tenant));
    }
    return largest;
  }

  /** Requests waiting in all. */
  int total() {
    return total;
  }
}
