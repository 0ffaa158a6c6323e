package io.klaxon.ingest.kafka;

import io.klaxon.events.AlertEvent;
import io.klaxon.ops.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a request's events to the alerts topic, each keyed by its tenant id, and answers only once
 * Kafka has acknowledged all of them or one has failed: {@link WriteResult.Written} means durable
 * (the producer runs with acks=all and idempotence). Concurrent requests share the producer, so
 * their records travel in the same batches. Thread-safe; does not own the producer.
 */
public final class AlertWriter {
  private static final Logger LOG = LoggerFactory.getLogger(AlertWriter.class);

  private final Producer<String, AlertEvent> producer;
  private final String topic;
  private final Duration timeout;
  private volatile boolean connected;

  /**
   * @param producer the producer (acks=all, idempotent), owned by the caller
   * @param topic the alerts topic
   * @param timeout how long one request may wait for its acknowledgements
   */
  public AlertWriter(Producer<String, AlertEvent> producer, String topic, Duration timeout) {
    this.producer = Objects.requireNonNull(producer, "producer");
    this.topic = Objects.requireNonNull(topic, "topic");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /**
   * Fetches the alerts topic's metadata until it arrives, so {@link #connected()} says whether the
   * cluster has been reached. Returns once connected, or when interrupted.
   */
  public void connect() {
    while (!connected && !Thread.currentThread().isInterrupted()) {
      try {
        if (!producer.partitionsFor(topic).isEmpty()) {
          connected = true;
          LOG.info("Connected to Kafka: the alerts topic {} has its partitions", topic);
        }
      } catch (RuntimeException e) {
        LOG.warn("Kafka not reached yet ({}); trying again", e.getClass().getSimpleName());
      }
    }
  }

  /** Whether the alerts topic's partitions have been found. */
  public boolean connected() {
    return connected;
  }

  /** Writes {@code events} and waits for their acknowledgements, at most the timeout. */
  public WriteResult write(List<AlertEvent> events) {
    long deadline = Durations.nanoDeadline(System.nanoTime(), timeout);
    List<Future<RecordMetadata>> sends = new ArrayList<>(events.size());
    try {
      for (AlertEvent event : events) {
        sends.add(producer.send(new ProducerRecord<>(topic, event.getTenantId(), event)));
      }
    } catch (RuntimeException e) {
      // The serializer (a schema registry outage) or the producer (its buffer full for max.block.ms) refused.
      return failed("not sent: " + e.getClass().getSimpleName(), e);
    }
    for (Future<RecordMetadata> send : sends) {
      try {
        send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException e) {
        return failed("not acknowledged: " + e.getCause().getClass().getSimpleName(), e.getCause());
      } catch (TimeoutException e) {
        return failed("not acknowledged within " + timeout.toMillis() + " ms", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return failed("interrupted while waiting for Kafka", e);
      }
    }
    return new WriteResult.Written();
  }

  private static WriteResult failed(String reason, Throwable cause) {
    LOG.warn("Writing alerts failed: {} ({})", reason, String.valueOf(cause.getMessage()));
    return new WriteResult.Failed(reason);
  }
}
