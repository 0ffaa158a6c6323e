package io.klaxon.bench.ceiling;

import java.nio.ByteBuffer;
import java.util.Set;
import java.util.HexFormat;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The reference Klaxon's topology is measured against: the bare shape of rate limit + dedup, with
 * nothing of Klaxon's own work (no decoding, validation, routing or rendering). Every record's
 * bytes are read; one get and one put go to a store keyed by tenant (the record key, like a token
 * bucket), one get and one put to a store keyed by tenant and fingerprint (like a dedup entry);
 * the record goes on, unchanged, to the output topic. Both stores are persistent (RocksDB) and
 * logged, and cached as Klaxon's are: the one keyed by tenant is, the one keyed by fingerprint is
 * not; each value is 16 bytes.
 *
 * <p>The fingerprint comes from the record's {@value #FINGERPRINT_HEADER} header (the harness puts
 * Klaxon's own fingerprint of the alert there, so both see the same number of distinct keys); a
 * record without it is keyed by tenant alone in both stores.
 */
public final class SkeletonTopology {
  public static final String SOURCE = "skeleton-source";
  public static final String PROCESSOR = "skeleton-two-stores";
  public static final String SINK = "skeleton-sink";
  /** The store keyed by tenant (the shape of the rate limiter's). */
  public static final String STORE_BY_TENANT = "skeleton-by-tenant";
  /** The store keyed by tenant and fingerprint (the shape of the deduplicator's). */
  public static final String STORE_BY_FINGERPRINT = "skeleton-by-fingerprint";
  /** The header carrying the alert's fingerprint (32 bytes). */
  public static final String FINGERPRINT_HEADER = "bench-fingerprint";

  private SkeletonTopology() {}

  /** The {@link #FINGERPRINT_HEADER} of an alert whose dedup fingerprint is {@code fingerprint} (hex). */
  public static Header fingerprintHeader(String fingerprint) {
    return new RecordHeader(FINGERPRINT_HEADER, HexFormat.of().parseHex(fingerprint));
  }

  /** The topology from {@code input} to {@code output}. */
  public static Topology build(String input, String output) {
    Topology topology = new Topology();
    topology.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), input);
    topology.addProcessor(PROCESSOR, new TwoStores(), SOURCE);
    topology.addSink(SINK, output, new ByteArraySerializer(), new ByteArraySerializer(), PROCESSOR);
    return topology;
  }

  /** The processor, declaring its two stores. */
  private static final class TwoStores implements ProcessorSupplier<byte[], byte[], byte[], byte[]> {
    @Override
    public Processor<byte[], byte[], byte[], byte[]> get() {
      return new TwoStoreProcessor();
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
      return Set.of(store(STORE_BY_TENANT).withCachingEnabled(), store(STORE_BY_FINGERPRINT));
    }

    private static StoreBuilder<KeyValueStore<Bytes, byte[]>> store(String name) {
      return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray());
    }
  }

  private static final class TwoStoreProcessor implements Processor<byte[], byte[], byte[], byte[]> {
    private static final byte[] NO_KEY = new byte[0];
    private static final byte SEPARATOR = 0;

    private ProcessorContext<byte[], byte[]> context;
    private KeyValueStore<Bytes, byte[]> byTenant;
    private KeyValueStore<Bytes, byte[]> byFingerprint;

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
      this.context = context;
      this.byTenant = context.getStateStore(STORE_BY_TENANT);
      this.byFingerprint = context.getStateStore(STORE_BY_FINGERPRINT);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
      byte[] tenant = record.key() == null ? NO_KEY : record.key();
      Bytes tenantKey = Bytes.wrap(tenant);
      byTenant.put(tenantKey, next(byTenant.get(tenantKey), record.timestamp()));
      Header fingerprint = record.headers().lastHeader(FINGERPRINT_HEADER);
      Bytes fingerprintKey = fingerprint == null ? tenantKey : Bytes.wrap(join(tenant, fingerprint.value()));
      byFingerprint.put(fingerprintKey, next(byFingerprint.get(fingerprintKey), record.timestamp()));
      context.forward(record);
    }

    /** A count and the latest timestamp: a value the size of a token bucket's or a dedup entry's. */
    private static byte[] next(byte[] previous, long timestamp) {
      long count = previous == null ? 0 : ByteBuffer.wrap(previous).getLong();
      return ByteBuffer.allocate(16).putLong(count + 1).putLong(timestamp).array();
    }

    private static byte[] join(byte[] tenant, byte[] fingerprint) {
      byte[] key = new byte[tenant.length + 1 + fingerprint.length];
      System.arraycopy(tenant, 0, key, 0, tenant.length);
      key[tenant.length] = SEPARATOR;
      System.arraycopy(fingerprint, 0, key, tenant.length + 1, fingerprint.length);
      return key;
    }
  }

  /** How many times the key was seen, read from a value of either store. */
  static long count(byte[] value) {
    return ByteBuffer.wrap(value).getLong();
  }
}
