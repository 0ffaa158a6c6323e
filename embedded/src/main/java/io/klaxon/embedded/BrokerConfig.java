package io.klaxon.embedded;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The configuration of a one-node KRaft cluster (broker and controller in one process) listening
 * on 127.0.0.1 only.
 */
final class BrokerConfig {
  /** Settings that decide where the node listens and stores; callers may not override them. */
  static final Set<String> OWNED = Set.of(
      "process.roles", "node.id", "controller.quorum.voters", "controller.quorum.bootstrap.servers",
      "listeners", "advertised.listeners", "listener.security.protocol.map", "controller.listener.names",
      "inter.broker.listener.name", "log.dirs", "log.dir", "metadata.log.dir");

  private static final int NODE_ID = 1;

  private BrokerConfig() {}

  /**
   * The settings for a node with its client listener on {@code clientPort} and its controller
   * listener on {@code controllerPort}, both on 127.0.0.1, storing under {@code logDir}, with
   * {@code extra} settings on top.
   *
   * @throws IllegalArgumentException when {@code extra} tries to change an {@link #OWNED} setting
   */
  static Properties oneNode(int clientPort, int controllerPort, Path logDir, Map<String, String> extra) {
    for (String name : extra.keySet()) {
      if (OWNED.contains(name)) {
        throw new IllegalArgumentException("Broker setting '" + name + "' is fixed by the embedded broker");
      }
    }
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@" + Loopback.HOST + ":" + controllerPort);
    p.put("listeners", "PLAINTEXT://" + Loopback.HOST + ":" + clientPort + ",CONTROLLER://" + Loopback.HOST + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + Loopback.HOST + ":" + clientPort);
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", logDir.toAbsolutePath().toString());

    // One node: every internal topic has a single replica; transactions need min.isr 1.
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "5");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "5");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("num.partitions", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    // Components create their topics explicitly; a typo must not create a topic silently.
    p.put("auto.create.topics.enable", "false");

    // Small footprint: tests and the local stack hold little data.
    p.put("log.segment.bytes", String.valueOf(8 * 1024 * 1024));
    p.put("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024));
    p.put("log.cleaner.threads", "1");
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "2");
    p.put("num.recovery.threads.per.data.dir", "1");
    p.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
    p.put("controlled.shutdown.enable", "true");

    p.putAll(extra);
    return p;
  }
}
