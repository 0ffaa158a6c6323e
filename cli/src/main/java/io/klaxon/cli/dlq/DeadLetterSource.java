package io.klaxon.cli.dlq;

import io.klaxon.cli.KafkaOptions;
import io.klaxon.topics.TopicNames;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where a {@code dlq} command reads dead letters from: the cluster ({@link KafkaOptions}) and the
 * dead-letter topic, the environment's unless {@code --topic} names another. A picocli mixin; not
 * thread-safe.
 */
public final class DeadLetterSource {
  @Mixin
  KafkaOptions kafka;

  @Option(names = "--topic", description = "Dead-letter topic (default: " + TopicNames.DEFAULT_ALERTS_DLQ + ", or $ALERTS_DLQ_TOPIC when set).")
  String topic;

  /** The cluster the letters are read from. */
  public KafkaOptions kafka() {
    return kafka;
  }

  /** A reader of the dead-letter topic. */
  public DeadLetterReader reader() {
    return DeadLetterReader.of(kafka, topic);
  }
}
