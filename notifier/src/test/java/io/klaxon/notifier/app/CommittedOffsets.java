package io.klaxon.notifier.app;

import java.util.Set;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** What a {@link MockConsumer} has committed, as the offset tests read it. */
final class CommittedOffsets {
  private CommittedOffsets() {}

  /** The offset committed for {@code partition}, or null when none was. */
  static Long of(MockConsumer<?, ?> consumer, TopicPartition partition) {
    OffsetAndMetadata offset = consumer.committed(Set.of(partition)).get(partition);
    return offset == null ? null : offset.offset();
  }
}
