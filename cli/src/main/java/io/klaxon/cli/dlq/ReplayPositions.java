package io.klaxon.cli.dlq;

import io.klaxon.events.DeadLetterReason;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * Where {@code dlq replay} stopped, per replay target: a dead-letter topic, a reason, and one tenant
 * or all tenants. A target's position is the committed offsets of a consumer group named after it
 * ({@code klaxon-dlq-replay.<topic>.<REASON>} or {@code ...<REASON>.<tenant>}), so a run starts after
 * the letters the last run of the same target took care of. The targets of one reason overlap, so a
 * letter also counts as replayed when it lies before the position of the other kind of target that
 * covers it (all tenants for a tenant's run, that tenant for an all-tenants run).
 *
 * <p>Before a run writes anything it records where the topics it writes to ended ({@link
 * #markWriting}); a run that stops before {@link #commit} leaves that mark, and the next run finds
 * it ({@link #interruptedRun}) and checks those topics for the letters already re-injected ({@link
 * ReplayMarker}). Positions last as long as the broker keeps the offsets of groups without members
 * ({@code offsets.retention.minutes}, 7 days by default). Not thread-safe; the caller owns the admin
 * client.
 */
final class ReplayPositions {
  static final String GROUP_PREFIX = "klaxon-dlq-replay.";
  private static final String WRITING = "writing ";

  private final Admin admin;
  private final String group;
  private final Map<TopicPartition, OffsetAndMetadata> own;
  private final Map<String, Map<TopicPartition, Long>> others;
  private final String othersPrefix;

  private ReplayPositions(Admin admin, String group, Map<TopicPartition, OffsetAndMetadata> own,
      Map<String, Map<TopicPartition, Long>> others, String othersPrefix) {
    this.admin = admin;
    this.group = group;
    this.own = own;
    this.others = others;
    this.othersPrefix = othersPrefix;
  }

  /** The consumer group holding the position of a target; {@code tenant} null for all tenants. */
  static String group(String dlqTopic, DeadLetterReason reason, String tenant) {
    return GROUP_PREFIX + dlqTopic + "." + reason.name() + (tenant == null ? "" : "." + tenant);
  }

  /** The positions of the target and of the targets overlapping it. */
  static ReplayPositions load(Admin admin, String dlqTopic, DeadLetterReason reason, String tenant)
      throws ExecutionException, InterruptedException {
    String allTenants = group(dlqTopic, reason, null);
    String own = group(dlqTopic, reason, tenant);
    Map<String, ListConsumerGroupOffsetsSpec> groups = new LinkedHashMap<>();
    groups.put(own, new ListConsumerGroupOffsetsSpec());
    if (tenant != null) {
      groups.put(allTenants, new ListConsumerGroupOffsetsSpec());
    } else {
      for (GroupListing listing : admin.listGroups().all().get()) {
        if (listing.groupId().startsWith(allTenants + ".")) {
          groups.put(listing.groupId(), new ListConsumerGroupOffsetsSpec());
        }
      }
    }
    ListConsumerGroupOffsetsResult result = admin.listConsumerGroupOffsets(groups);
    Map<String, Map<TopicPartition, Long>> others = new HashMap<>();
    for (String other : groups.keySet()) {
      if (!other.equals(own)) {
        others.put(other, offsets(committed(result, other)));
      }
    }
    return new ReplayPositions(admin, own, committed(result, own), others, allTenants + ".");
  }

  private static Map<TopicPartition, OffsetAndMetadata> committed(ListConsumerGroupOffsetsResult result, String group)
      throws ExecutionException, InterruptedException {
    try {
      Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>(result.partitionsToOffsetAndMetadata(group).get());
      committed.values().removeIf(java.util.Objects::isNull);
      return committed;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return Map.of();
      }
      throw e;
    }
  }

  private static Map<TopicPartition, Long> offsets(Map<TopicPartition, OffsetAndMetadata> committed) {
    return committed.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  /** The consumer group holding this target's position. */
  String group() {
    return group;
  }

  /** Where this target's next run starts, per partition (none where it never ran). */
  Map<TopicPartition, Long> start() {
    return offsets(own);
  }

  /** Whether the letter at {@code offset} of {@code partition}, of {@code tenantId}, was taken care of by an overlapping target. */
  boolean replayedByOverlappingTarget(TopicPartition partition, long offset, String tenantId) {
    for (Map.Entry<String, Map<TopicPartition, Long>> other : others.entrySet()) {
      boolean covers = !other.getKey().startsWith(othersPrefix)
          || (tenantId != null && other.getKey().equals(othersPrefix + tenantId));
      if (covers && offset < other.getValue().getOrDefault(partition, 0L)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Where the topics the last run wrote to ended before it wrote, when that run stopped before
   * recording its position.
   */
  Optional<Map<TopicPartition, Long>> interruptedRun() {
    return own.values().stream().map(OffsetAndMetadata::metadata)
        .filter(m -> m != null && m.startsWith(WRITING)).findFirst().map(ReplayPositions::parse);
  }

  /** Records, keeping the position at {@code from}, that a run is about to write to topics that end at {@code ends}. */
  void markWriting(Map<TopicPartition, Long> from, Map<TopicPartition, Long> ends)
      throws ExecutionException, InterruptedException {
    String metadata = WRITING + format(ends);
    Map<TopicPartition, OffsetAndMetadata> marked = new HashMap<>();
    from.forEach((tp, offset) -> marked.put(tp, new OffsetAndMetadata(offset, metadata)));
    admin.alterConsumerGroupOffsets(group, marked).all().get();
  }

  /** Records that the next run starts at {@code next}. */
  void commit(Map<TopicPartition, Long> next) throws ExecutionException, InterruptedException {
    Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
    next.forEach((tp, offset) -> positions.put(tp, new OffsetAndMetadata(offset)));
    admin.alterConsumerGroupOffsets(group, positions).all().get();
  }

  /** {@code topic:0=12,1=40;other:0=3} (topic names hold no ':', ';', ',' or '='). */
  static String format(Map<TopicPartition, Long> ends) {
    return ends.entrySet().stream().sorted(Map.Entry.comparingByKey(
            java.util.Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition)))
        .collect(Collectors.groupingBy(e -> e.getKey().topic(), java.util.TreeMap::new,
            Collectors.mapping(e -> e.getKey().partition() + "=" + e.getValue(), Collectors.joining(","))))
        .entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(";"));
  }

  static Map<TopicPartition, Long> parse(String metadata) {
    Map<TopicPartition, Long> ends = new HashMap<>();
    for (String topic : metadata.substring(WRITING.length()).split(";", -1)) {
      int colon = topic.lastIndexOf(':');
      if (colon < 0) {
        continue;
      }
      for (String partition : topic.substring(colon + 1).split(",", -1)) {
        String[] pair = partition.split("=", -1);
        ends.put(new TopicPartition(topic.substring(0, colon), Integer.parseInt(pair[0])), Long.parseLong(pair[1]));
      }
    }
    return ends;
  }
}
