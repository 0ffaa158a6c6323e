package io.klaxon.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates topics on a cluster with its default replication factor. Topics that already exist are
 * left as they are, whatever their settings, so creating on every start is safe. Stateless.
 */
public final class TopicCreator {
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  /** The longest a record of a compacted topic stays uncompacted ({@code max.compaction.lag.ms}). */
  public static final Duration MAX_COMPACTION_LAG = Duration.ofHours(1);

  private TopicCreator() {}

  /**
   * Creates {@code topics} on the cluster at {@code bootstrapServers}.
   *
   * @throws IllegalStateException when the cluster refuses a topic or does not answer in 30 s
   */
  public static void create(String bootstrapServers, Collection<TopicSpec> topics) {
    List<NewTopic> newTopics = new ArrayList<>();
    for (TopicSpec topic : topics) {
      NewTopic newTopic = new NewTopic(topic.name(), Optional.of(topic.partitions()), Optional.empty());
      // A compacted topic is compacted within the hour even when little changes on it: an erased
      // tenant's data keys and tombstoned keys leave the disk then, not when the segment fills.
      newTopic.configs(topic.compacted()
          ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
              TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG, Long.toString(MAX_COMPACTION_LAG.toMillis()))
          : Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE));
      newTopics.add(newTopic);
    }
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      var futures = admin.createTopics(newTopics).values();
      for (var entry : futures.entrySet()) {
        try {
          entry.getValue().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("Creating topic '" + entry.getKey() + "' failed: " + e.getCause(), e.getCause());
          }
        } catch (TimeoutException e) {
          throw new IllegalStateException("Creating topic '" + entry.getKey() + "' timed out after " + ADMIN_TIMEOUT, e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while creating topic '" + entry.getKey() + "'", e);
        }
      }
    }
  }
}
