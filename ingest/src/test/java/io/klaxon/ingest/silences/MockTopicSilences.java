package io.klaxon.ingest.silences;

import io.klaxon.control.ControlEvents;
import io.klaxon.control.ControlKeys;
import io.klaxon.control.Silence;
import io.klaxon.control.SilenceLimits;
import io.klaxon.control.SilencesUnavailableException;
import io.klaxon.registry.InMemorySchemaRegistry;
import io.klaxon.topics.KlaxonTopics;
import io.klaxon.topics.Topic;
import io.klaxon.topics.TopicNames;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The silences topic as a {@code MockProducer} that acknowledges at once: {@link #events} is a real
 * {@link ControlEvents} (its rules, its keys, its serdes on an in-memory registry) writing to it,
 * and reads decode the latest record of every key, as the compacted topic would keep it. {@link
 * #unavailable} makes reads fail as a topic that cannot be read to its end does. Not thread-safe.
 */
final class MockTopicSilences implements SilenceReader {
  final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final Topic<String, Silence> topic;
  final ControlEvents events;
  boolean unavailable;

  MockTopicSilences(Clock clock) {
    KlaxonTopics topics = KlaxonTopics.of(TopicNames.DEFAULTS, new InMemorySchemaRegistry());
    this.topic = topics.silences();
    this.events = new ControlEvents(producer, topics, SilenceLimits.DEFAULTS, clock, Duration.ofSeconds(1));
  }

  @Override
  public List<Silence> of(String tenantId) {
    if (unavailable) {
      throw new SilencesUnavailableException("could not read the silences topic to its end", null);
    }
    Map<String, Silence> latest = new LinkedHashMap<>();
    for (ProducerRecord<byte[], byte[]> record : producer.history()) {
      String key = topic.keySerde().deserializer().deserialize(topic.name(), record.key());
      latest.put(key, topic.valueSerde().deserializer().deserialize(topic.name(), record.value()));
    }
    return latest.entrySet().stream().filter(e -> tenantId.equals(ControlKeys.tenantOf(e.getKey())))
        .map(Map.Entry::getValue).toList();
  }

  /** Every silence written, in order. */
  List<Silence> writes() {
    return producer.history().stream()
        .map(r -> topic.valueSerde().deserializer().deserialize(topic.name(), r.value())).toList();
  }
}
