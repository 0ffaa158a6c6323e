package io.klaxon.launcher;

import io.klaxon.launcher.parts.StreamsPart;
import io.klaxon.notifier.app.NotifierConfig;
import io.klaxon.ops.ClusterSettings;
import io.klaxon.ops.Env;
import io.klaxon.ops.GroupRecovery;
import io.klaxon.streams.app.StreamsSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * What the launcher does when a Streams instance or a notifier that runs as its own process dies
 * without being stopped (a crash, {@code kill -9}, the OOM killer): it removes the dead part's
 * static members from their consumer group at once. The group then rebalances now, and the other
 * instances take over the dead one's partitions within a heartbeat (1.5 s), instead of after the
 * session timeout (6 s) plus the rebalance that follows. For a Streams instance under exactly-once
 * it also ends the transaction the instance left open, which would otherwise hold back the new
 * owner's restoration for 10 to 20 s. A part whose environment names no {@code GROUP_INSTANCE_ID}
 * has dynamic membership and is left to the session timeout.
 *
 * <p>Kafka Streams gives each stream thread's consumer the instance id {@code <id>-<thread
 * number>}; all of them are removed.
 */
final class DeadMembers {
  private static final long REMOVE_TIMEOUT_SECONDS = 10;

  /**
   * A part's static membership: its group, its members' instance ids, the environment of a Streams
   * instance under exactly-once (null for the notifier and under at_least_once), how many stream
   * threads it runs, how to reach the cluster.
   */
  record Membership(String group, List<String> instanceIds, Map<String, String> exactlyOnceEnv, int threads,
      Map<String, Object> client) {

    /**
     * The transactional ids of the instance's exactly-once producers, one per stream thread, as
     * Kafka Streams names them from the process id it keeps across restarts; empty before the
     * instance's first start, for the notifier and under at_least_once.
     */
    List<String> transactionalIds() {
      String processId = exactlyOnceEnv == null ? null : StreamsPart.processId(exactlyOnceEnv);
      List<String> ids = new ArrayList<>();
      for (int thread = 1; processId != null && thread <= threads; thread++) {
        ids.add(group + "-" + processId + "-" + thread);
      }
      return ids;
    }
  }

  private DeadMembers() {}

  /** The static membership of a Streams or notifier part, if its environment gives it one. */
  static Optional<Membership> of(Part part) {
    if (part.kind() != PartKind.STREAMS && part.kind() != PartKind.NOTIFIER) {
      return Optional.empty();
    }
    Env env = Env.of(part.env());
    String id = GroupRecovery.instanceId(env);
    if (id == null) {
      return Optional.empty();
    }
    Map<String, Object> client = ClusterSettings.from(env).clientProperties(Map.of(
        AdminClientConfig.CLIENT_ID_CONFIG, "klaxon-launcher-" + part.name()));
    if (part.kind() == PartKind.STREAMS) {
      // The group, the threads and the guarantee as the instance itself reads them.
      StreamsSettings settings = StreamsSettings.from(env);
      List<String> ids = new ArrayList<>();
      for (int thread = 1; thread <= settings.streamThreads(); thread++) {
        ids.add(id + "-" + thread);
      }
      boolean exactlyOnce = settings.processingGuarantee().equals(StreamsConfig.EXACTLY_ONCE_V2);
      return Optional.of(new Membership(settings.applicationId(), ids, exactlyOnce ? part.env() : null,
          settings.streamThreads(), client));
    }
    return Optional.of(new Membership(NotifierConfig.from(env).groupId(), List.of(id), null, 0, client));
  }

  /**
   * Removes the members from their group; returns what happened, in words. Never throws: a member
   * that had not joined yet, or a broker that does not answer, leaves it to the session timeout.
   */
  static String remove(Membership membership) {
    String removed = removeMembers(membership);
    List<String> transactional = membership.transactionalIds();
    return transactional.isEmpty() ? removed : removed + "; " + fence(membership.client(), transactional);
  }

  private static String removeMembers(Membership membership) {
    List<MemberToRemove> members = membership.instanceIds().stream().map(MemberToRemove::new).toList();
    try (Admin admin = Admin.create(membership.client())) {
      admin.removeMembersFromConsumerGroup(membership.group(), new RemoveMembersFromConsumerGroupOptions(members))
          .all().get(REMOVE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return "removed " + String.join(", ", membership.instanceIds()) + " from group " + membership.group()
          + ": the others take over its partitions now";
    } catch (ExecutionException e) {
      return "could not remove " + String.join(", ", membership.instanceIds()) + " from group " + membership.group()
          + " (" + e.getCause().getMessage() + "); its session times out instead";
    } catch (TimeoutException e) {
      return "the broker did not answer the removal of " + String.join(", ", membership.instanceIds())
          + " within " + REMOVE_TIMEOUT_SECONDS + " s; its session times out instead";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted while removing " + String.join(", ", membership.instanceIds());
    }
  }

  /**
   * Ends the dead instance's open transaction at once: a producer with its transactional id
   * registers (as the restarted instance will), which makes the transaction coordinator abort what
   * the dead one left open. Until then that transaction holds back every {@code read_committed}
   * reader of the partitions it wrote (the new owner restoring the changelogs, the notifier), for up
   * to the transaction timeout plus the broker's check interval: 10 to 20 s by default.
   */
  private static String fence(Map<String, Object> client, List<String> transactionalIds) {
    Map<String, Object> config = new HashMap<>(client);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(REMOVE_TIMEOUT_SECONDS));
    List<String> fenced = new ArrayList<>();
    for (String transactionalId : transactionalIds) {
      config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
      try (KafkaProducer<byte[], byte[]> producer =
          new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
        producer.initTransactions();
        fenced.add(transactionalId);
      } catch (KafkaException e) {
        return "could not end the open transaction of " + transactionalId + " (" + e.getMessage()
            + "); it times out instead";
      }
    }
    return "ended the open transactions of " + String.join(", ", fenced);
  }
}
