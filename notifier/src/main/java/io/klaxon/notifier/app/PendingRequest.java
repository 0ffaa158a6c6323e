package io.klaxon.notifier.app;

import io.klaxon.events.NotificationRequest;
import org.apache.kafka.common.TopicPartition;

/** A notification request the consumer loop read, with the partition and offset it came from. */
record PendingRequest(TopicPartition partition, long offset, NotificationRequest request) {
  String tenant() {
    return request.getTenantId();
  }
}
