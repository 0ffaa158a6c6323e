package io.klaxon.streams;

import io.klaxon.events.TenantConfig;
import io.klaxon.privacy.Keyring;
import io.klaxon.registry.SchemaRegistryException;
import io.klaxon.serde.WireFormatException;
import io.klaxon.topics.Topic;
import java.time.Duration;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global tenants store equal to the compacted tenants topic. It reads the topic as bytes
 * and decodes each value itself (with the tenants topic's value serde), because a record can be
 * one of three things that must not be confused:
 *
 * <ul>
 *   <li>a tenant's configuration keyed by its own tenant id: it replaces the stored configuration;
 *       a tombstone deletes it;
 *   <li>a record the schema registry cannot be asked about now (unreachable, or refusing
 *       Klaxon's credentials): not the record's fault, so decoding and storing it is retried with
 *       backoff (from {@value #FIRST_RETRY_MS} ms, doubling, at most {@value #MAX_RETRY_MS} ms
 *       apart) until the registry answers. The global stream thread waits meanwhile, and {@link
 *       TenantTableStatus} says the table is behind; at start, Kafka Streams does not start
 *       processing alerts before the table is loaded;
 *   <li>a bad record (no key, a value that does not decode, a key other than its {@code tenantId},
 *       which would route one tenant's alerts with another's targets): refused, logged and counted
 *       ({@link PipelineListener#tenantUpdateRefused}); the store keeps the previous value.
 * </ul>
 *
 * Runs on the global stream thread, and also while the table is restored at start.
 */
final class TenantStoreUpdater implements Processor<String, byte[], Void, Void> {
  static final long FIRST_RETRY_MS = 100;
  static final long MAX_RETRY_MS = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(TenantStoreUpdater.class);

  private final String topic;
  private final Deserializer<TenantConfig> values;
  private final PipelineListener listener;
  private final TenantTableStatus status;
  private final Keyring keyring;
  private final TenantConfigs decoded;
  private ProcessorContext<Void, Void> context;
  private KeyValueStore<String, TenantConfig> tenants;

  /**
   * @param tenants the tenants topic; its value deserializer decodes the records
   * @param listener told of refused records
   * @param status told while an update waits for the registry; its {@code close()} ends the wait
   * @param keyring told of every tenant's data keys before the store is (so no notification of a
   *     tenant with a key goes out unsealed); it reads tenants restored from a checkpoint from the store
   * @param decoded told of every change to the store, after it is made
   */
  TenantStoreUpdater(Topic<String, TenantConfig> tenants, PipelineListener listener, TenantTableStatus status,
      Keyring keyring, TenantConfigs decoded) {
    this.topic = tenants.name();
    this.keyring = keyring;
    this.decoded = decoded;
    this.values = tenants.valueSerde().deserializer();
    this.listener = listener;
    this.status = status;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.context = context;
    this.tenants = context.getStateStore(KlaxonTopology.STORE_TENANTS);
    KeyValueStore<String, TenantConfig> store = this.tenants;
    keyring.fallback(store::get);
  }

  /**
   * @throws SchemaRegistryException only when {@link TenantTableStatus#close()} ended a wait for
   *     the registry: the record stays unprocessed and is read again at the next start
   */
  @Override
  public void process(Record<String, byte[]> record) {
    if (record.key() == null) {
      refuse(TenantUpdateRefusal.MISSING_KEY, "the record has no key, so it names no tenant");
      return;
    }
    if (record.value() == null) {
      keyring.update(record.key(), null);
      tenants.delete(record.key());
      decoded.changed();
      return;
    }
    long waitMs = FIRST_RETRY_MS;
    for (int attempt = 1; ; attempt++) {
      try {
        apply(record.key(), record.value());
        if (attempt > 1) {
          status.caughtUp();
          LOG.info("Tenant update {} applied after {} attempts: the schema registry answers again", where(), attempt);
        }
        return;
      } catch (SchemaRegistryException e) {
        status.waitingForRegistry();
        if (status.isClosed()) {
          throw e;
        }
        if (attempt == 1) {
          LOG.warn("Tenant update {} waits for the schema registry (retrying until it answers; alerts of tenants"
              + " not in the table wait too): {}", where(), e.getMessage());
        }
        waitMs = pause(waitMs, e);
      }
    }
  }

  private void apply(String key, byte[] value) {
    TenantConfig config;
    try {
      config = values.deserialize(topic, value);
    } catch (WireFormatException e) {
      refuse(TenantUpdateRefusal.UNDECODABLE, e.getMessage());
      return;
    }
    if (!key.equals(config.getTenantId())) {
      refuse(TenantUpdateRefusal.KEY_MISMATCH,
          "key '" + key + "' differs from the tenantId '" + config.getTenantId() + "' of the configuration");
      return;
    }
    keyring.update(key, config);
    tenants.put(key, config);
    decoded.changed();
  }

  /** Sleeps {@code waitMs}; returns the next wait. An interrupted sleep ends the wait with {@code cause}. */
  private static long pause(long waitMs, SchemaRegistryException cause) {
    try {
      Thread.sleep(Duration.ofMillis(waitMs));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw cause;
    }
    return Math.min(waitMs * 2, MAX_RETRY_MS);
  }

  private void refuse(TenantUpdateRefusal reason, String detail) {
    LOG.warn("Refused tenant record {} ({}); the tenants table keeps its previous value: {}", where(), reason, detail);
    listener.tenantUpdateRefused(reason);
  }

  private String where() {
    return context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse(topic);
  }
}
