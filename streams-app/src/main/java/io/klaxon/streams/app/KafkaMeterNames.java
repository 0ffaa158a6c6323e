package io.klaxon.streams.app;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.Arrays;

/**
 * Keeps Kafka's client and Streams meters within Prometheus conventions, so that {@code /metrics}
 * passes {@code promtool check metrics}: gauges are not named {@code _count}
 * ({@code connection.count} becomes {@code connections}), every meter has a description (Kafka
 * leaves some per-node metrics without one), and the few Kafka metrics measured in nanoseconds or
 * milliseconds ({@code io.time.ns.total}, {@code txn.commit.time.ns.total}, {@code
 * start.time.ms}, ...) are not exported, because their values are not in seconds and a filter
 * cannot rescale them. Other meters pass unchanged. Idempotent.
 */
final class KafkaMeterNames implements MeterFilter {
  static final KafkaMeterNames INSTANCE = new KafkaMeterNames();

  private KafkaMeterNames() {}

  @Override
  public MeterFilterReply accept(Meter.Id id) {
    return isKafka(id) && notInBaseUnits(id.getName()) ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
  }

  @Override
  public Meter.Id map(Meter.Id id) {
    if (!isKafka(id)) {
      return id;
    }
    String name = rename(id.getName());
    String description = id.getDescription();
    if (description == null || description.isBlank()) {
      description = "Kafka metric " + id.getName().substring("kafka.".length()).replace('.', ' ');
    }
    if (name.equals(id.getName()) && description.equals(id.getDescription())) {
      return id;
    }
    return new Meter.Id(name, Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), description, id.getType());
  }

  private static boolean isKafka(Meter.Id id) {
    return id.getName().startsWith("kafka.");
  }

  static boolean notInBaseUnits(String name) {
    return Arrays.stream(name.split("\\.")).anyMatch(part -> part.equals("ns") || part.equals("ms"));
  }

  static String rename(String name) {
    return name.endsWith(".connection.count")
        ? name.substring(0, name.length() - ".connection.count".length()) + ".connections"
        : name;
  }
}
