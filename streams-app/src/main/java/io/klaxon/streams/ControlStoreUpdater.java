package io.klaxon.streams;

import io.klaxon.registry.SchemaRegistryException;
import io.klaxon.serde.WireFormatException;
import io.klaxon.topics.Topic;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a global store equal to a compacted control topic (silences or acknowledgements). Values
 * are decoded here, so that a bad record (no key, a value that does not decode, a key other than
 * the one its value names, which could let one tenant's silence mute another's alerts) is refused
 * and logged while the store keeps its previous value, and a schema registry that does not answer
 * is waited for (retried with backoff) instead of being mistaken for bad data. A tombstone deletes.
 * Each key it stores or deletes is told to its listener, after the store took it. Runs on the
 * global stream thread (restoring at start-up does not run it: the store is filled directly).
 *
 * @param <V> the control record type
 */
final class ControlStoreUpdater<V> implements Processor<String, byte[], Void, Void> {
  private static final Logger LOG = LoggerFactory.getLogger(ControlStoreUpdater.class);
  private static final long FIRST_RETRY_MS = 100;
  private static final long MAX_RETRY_MS = 10_000;

  private final String topic;
  private final String storeName;
  private final Deserializer<V> values;
  private final Function<V, String> keyOf;
  private final Consumer<String> changed;
  private ProcessorContext<Void, Void> context;
  private KeyValueStore<String, V> store;

  /**
   * @param topic the control topic; its value deserializer decodes the records
   * @param storeName the global store kept equal to it
   * @param keyOf the key a value must be stored under
   */
  ControlStoreUpdater(Topic<String, V> topic, String storeName, Function<V, String> keyOf) {
    this(topic, storeName, keyOf, key -> { });
  }

  /**
   * @param changed told each key stored or deleted
   */
  ControlStoreUpdater(Topic<String, V> topic, String storeName, Function<V, String> keyOf, Consumer<String> changed) {
    this.topic = topic.name();
    this.storeName = storeName;
    this.values = topic.valueSerde().deserializer();
    this.keyOf = keyOf;
    this.changed = changed;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    if (record.key() == null) {
      refuse("the record has no key");
      return;
    }
    if (record.value() == null) {
      store.delete(record.key());
      changed.accept(record.key());
      return;
    }
    long waitMs = FIRST_RETRY_MS;
    while (true) {
      try {
        apply(record.key(), record.value());
        return;
      } catch (SchemaRegistryException e) {
        LOG.warn("Control record {} waits for the schema registry: {}", where(), e.getMessage());
        try {
          Thread.sleep(Duration.ofMillis(waitMs));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
        waitMs = Math.min(waitMs * 2, MAX_RETRY_MS);
      }
    }
  }

  private void apply(String key, byte[] bytes) {
    V value;
    try {
      value = values.deserialize(topic, bytes);
    } catch (WireFormatException e) {
      refuse(e.getMessage());
      return;
    }
    String expected = keyOf.apply(value);
    if (!key.equals(expected)) {
      refuse("key '" + key + "' differs from '" + expected + "', the key its value names");
      return;
    }
    store.put(key, value);
    changed.accept(key);
  }

  private void refuse(String detail) {
    LOG.warn("Refused control record {}; the store keeps its previous value: {}", where(), detail);
  }

  private String where() {
    return context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse(topic);
  }
}
