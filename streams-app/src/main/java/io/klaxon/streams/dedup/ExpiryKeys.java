package io.klaxon.streams.dedup;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keys of the dedup expiry index: 8 bytes of expiry time, then the entry's dedup store key
 * ({@link DedupStoreKey}) in UTF-8. The time is big-endian with its sign bit flipped, so the byte
 * order of keys is the order of times (negative ones included), and a range scan from the lowest
 * time up to {@link #before(long)} finds exactly the entries due before that time. Stateless.
 */
public final class ExpiryKeys {
  private static final int TIME_BYTES = Long.BYTES;

  /**
   * The key under which the index records that every dedup entry is indexed (a store written before
   * the index existed is walked once, then marked). One byte: it sorts before every time key, so
   * no range scan of times meets it.
   */
  public static final Bytes COMPLETE = Bytes.wrap(new byte[] {0});

  private ExpiryKeys() {}

  /** The index key of {@code storeKey} due at {@code expiry}. */
  public static Bytes of(long expiry, String storeKey) {
    byte[] key = storeKey.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(ByteBuffer.allocate(TIME_BYTES + key.length).putLong(expiry ^ Long.MIN_VALUE).put(key).array());
  }

  /** The lower bound of a range scan that starts at {@code time}: below every key due at or after it. */
  public static Bytes from(long time) {
    return Bytes.wrap(ByteBuffer.allocate(TIME_BYTES).putLong(time ^ Long.MIN_VALUE).array());
  }

  /**
   * The upper bound (inclusive, as store ranges are) of a range scan for entries due strictly
   * before {@code time}: every key due at {@code time} is longer than it and sorts after it.
   */
  public static Bytes before(long time) {
    return from(time);
  }

  /**
   * The first {@code max} keys of {@code index} due at or before {@code now}, earliest first: what a
   * punctuation over a time index (dedup expiry, group and digest flushes) has to settle.
   */
  public static List<Bytes> dueBy(KeyValueStore<Bytes, byte[]> index, long now, int max) {
    List<Bytes> due = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> range = index.range(from(Long.MIN_VALUE), before(now + 1))) {
      while (due.size() < max && range.hasNext()) {
        due.add(range.next().key);
      }
    }
    return due;
  }

  /**
   * Takes from {@code store} the first {@code max} entries that {@code index} says are due at or
   * before {@code now}, earliest first, and hands each to {@code due}: both the index key and the
   * entry are deleted first. An index key whose entry is gone, or is due at another time (it was
   * rescheduled), is only deleted. What a punctuation that sends collected state when it is due
   * (digests, held notifications) does.
   */
  public static <V> void takeDue(KeyValueStore<Bytes, byte[]> index, KeyValueStore<String, V> store, long now, int max,
      ToLongFunction<V> dueMsOf, BiConsumer<String, V> due) {
    for (Bytes indexKey : dueBy(index, now, max)) {
      index.delete(indexKey);
      String key = storeKeyOf(indexKey);
      V value = store.get(key);
      if (value == null || dueMsOf.applyAsLong(value) != expiryOf(indexKey)) {
        continue;
      }
      store.delete(key);
      due.accept(key, value);
    }
  }

  /** The expiry time of an index key. */
  public static long expiryOf(Bytes indexKey) {
    checkLength(indexKey);
    return ByteBuffer.wrap(indexKey.get(), 0, TIME_BYTES).getLong() ^ Long.MIN_VALUE;
  }

  /** The dedup store key an index key points to. */
  public static String storeKeyOf(Bytes indexKey) {
    checkLength(indexKey);
    byte[] bytes = indexKey.get();
    return new String(bytes, TIME_BYTES, bytes.length - TIME_BYTES, StandardCharsets.UTF_8);
  }

  /** When an entry last seen at {@code lastSeen} expires with window {@code windowMs} (saturating). */
  public static long expiry(long lastSeen, long windowMs) {
    long expiry = lastSeen + windowMs;
    return ((lastSeen ^ expiry) & (windowMs ^ expiry)) < 0 ? Long.MAX_VALUE : expiry;
  }

  private static void checkLength(Bytes indexKey) {
    if (indexKey.get().length < TIME_BYTES) {
      throw new IllegalArgumentException("dedup expiry index key of " + indexKey.get().length
          + " bytes: expected at least " + TIME_BYTES + " (the expiry time)");
    }
  }
}
