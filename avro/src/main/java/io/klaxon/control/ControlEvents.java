package io.klaxon.control;

import io.klaxon.contract.FieldProblem;
import io.klaxon.topics.KlaxonTopics;
import io.klaxon.topics.Topic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes silences and acknowledgements to their compacted topics, keyed by {@link ControlKeys},
 * and returns only once Kafka acknowledged the write (acks=all): a returned value is durable. Every
 * value is checked by {@link ControlRules} first; a bad one is refused with {@link
 * InvalidControlEventException} and nothing is written. Used by the command line, the ingest
 * service's HTTP API and Slack's buttons alike. Thread-safe; closes the producer only when it made
 * it ({@link #open}).
 */
public final class ControlEvents implements AutoCloseable {
  private final Producer<byte[], byte[]> producer;
  private final boolean ownsProducer;
  private final Topic<String, Silence> silences;
  private final Topic<String, Acknowledgement> acks;
  private final SilenceLimits limits;
  private final Clock clock;
  private final Duration timeout;

  /**
   * @param producer writes the records; owned by the caller, who configures it with acks=all
   * @param topics where silences and acknowledgements go, with their serdes
   * @param limits the size limit a silence is checked against
   * @param clock the time of updates and expiries
   * @param timeout how long a write waits for Kafka's acknowledgement
   */
  public ControlEvents(Producer<byte[], byte[]> producer, KlaxonTopics topics, SilenceLimits limits, Clock clock,
      Duration timeout) {
    this(producer, false, topics, limits, clock, timeout);
  }

  private ControlEvents(Producer<byte[], byte[]> producer, boolean ownsProducer, KlaxonTopics topics,
      SilenceLimits limits, Clock clock, Duration timeout) {
    this.producer = Objects.requireNonNull(producer, "producer");
    this.ownsProducer = ownsProducer;
    this.silences = Objects.requireNonNull(topics.silences(), "topics.silences");
    this.acks = Objects.requireNonNull(topics.acks(), "acks");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /**
   * A publisher with a producer of its own (acks=all, idempotent), closed by {@link #close()}.
   *
   * @param clientProperties Kafka client properties: bootstrap servers, security
   */
  public static ControlEvents open(Map<String, Object> clientProperties, KlaxonTopics topics, SilenceLimits limits,
      Duration timeout) {
    Map<String, Object> config = new HashMap<>(clientProperties);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeout.toMillis(), 1000));
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 1000));
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
    Producer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    return new ControlEvents(producer, true, topics, limits, Clock.systemUTC(), timeout);
  }

  /** A new silence id (a random UUID). */
  public static String newSilenceId() {
    return UUID.randomUUID().toString();
  }

  /**
   * Writes {@code silence} (new or changed) with {@code updatedAt} set to now.
   *
   * @return the silence as written
   * @throws InvalidControlEventException when it breaks a rule; nothing was written
   * @throws ControlEventNotWrittenException when Kafka did not acknowledge it
   */
  public Silence silence(Silence silence) {
    Silence stamped = Silence.newBuilder(silence).setUpdatedAt(clock.instant()).build();
    refuseIfInvalid(ControlRules.check(stamped, limits, false));
    write(silences, ControlKeys.of(stamped), stamped);
    return stamped;
  }

  /**
   * Ends {@code current} now: {@code endsAt} becomes now (and {@code startsAt} too when it had not
   * started). A silence that has already ended is returned unchanged and nothing is written.
   *
   * @return the silence as it now stands
   * @throws ControlEventNotWrittenException when Kafka did not acknowledge it
   */
  public Silence expire(Silence current) {
    Instant now = clock.instant();
    if (!current.getEndsAt().isAfter(now)) {
      return current;
    }
    Silence expired = Silence.newBuilder(current)
        .setStartsAt(current.getStartsAt().isBefore(now) ? current.getStartsAt() : now)
        .setEndsAt(now)
        .setUpdatedAt(now)
        .build();
    refuseIfInvalid(ControlRules.check(expired, limits, true));
    write(silences, ControlKeys.of(expired), expired);
    return expired;
  }

  /**
   * Acknowledges the tenant's alert {@code fingerprint} now.
   *
   * @param via where the acknowledgement came from: cli, http, slack
   * @return the acknowledgement as written
   */
  public Acknowledgement ack(String tenantId, String fingerprint, String by, String comment, String via) {
    return record(tenantId, fingerprint, AckState.ACKED, by, comment, via);
  }

  /** Takes back the acknowledgement of the tenant's alert {@code fingerprint}; its repeats are notified again. */
  public Acknowledgement unack(String tenantId, String fingerprint, String by, String comment, String via) {
    return record(tenantId, fingerprint, AckState.UNACKED, by, comment, via);
  }

  private Acknowledgement record(String tenantId, String fingerprint, AckState state, String by, String comment,
      String via) {
    Acknowledgement ack = new Acknowledgement(tenantId, fingerprint, state, by, clock.instant(),
        comment == null ? "" : comment, via == null ? "" : via);
    refuseIfInvalid(ControlRules.check(ack));
    write(acks, ControlKeys.of(ack), ack);
    return ack;
  }

  private static void refuseIfInvalid(List<FieldProblem> problems) {
    if (!problems.isEmpty()) {
      throw new InvalidControlEventException(problems);
    }
  }

  private <V> void write(Topic<String, V> topic, String key, V value) {
    byte[] keyBytes = topic.keySerde().serializer().serialize(topic.name(), key);
    try {
      byte[] valueBytes = topic.valueSerde().serializer().serialize(topic.name(), value);
      producer.send(new ProducerRecord<>(topic.name(), keyBytes, valueBytes)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new ControlEventNotWrittenException("not acknowledged by Kafka: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new ControlEventNotWrittenException("not acknowledged by Kafka within " + timeout.toMillis() + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ControlEventNotWrittenException("interrupted while waiting for Kafka", e);
    } catch (RuntimeException e) {
      // The serializer (a schema registry outage) or the producer (buffer full for max.block.ms) refused.
      throw new ControlEventNotWrittenException("not sent: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (ownsProducer) {
      producer.close(Duration.ofSeconds(5));
    }
  }
}
