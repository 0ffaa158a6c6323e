package io.klaxon.embedded;

import java.util.Objects;

/**
 * A topic to create on an {@link EmbeddedKafkaBroker}: its name, partition count and whether it is
 * compacted ({@code cleanup.policy=compact}) rather than deleted by retention.
 *
 * @param name the topic name
 * @param partitions the number of partitions, at least 1
 * @param compacted true for {@code cleanup.policy=compact}, false for {@code delete}
 */
public record TopicSpec(String name, int partitions, boolean compacted) {

  public TopicSpec {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("Topic name must not be blank");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("Topic '" + name + "' needs at least 1 partition, got " + partitions);
    }
  }

  /** A topic with retention-based cleanup. */
  public static TopicSpec of(String name, int partitions) {
    return new TopicSpec(name, partitions, false);
  }

  /** A compacted topic. */
  public static TopicSpec compacted(String name, int partitions) {
    return new TopicSpec(name, partitions, true);
  }
}
