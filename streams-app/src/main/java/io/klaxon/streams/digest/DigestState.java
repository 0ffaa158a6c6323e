package io.klaxon.streams.digest;

import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.DigestSummary;
import io.klaxon.events.Severity;
import io.klaxon.events.TitleCount;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What one digest (a tenant's target, one window) has collected so far: counts by severity, by
 * source and by title. Sources and titles are counted individually up to {@link #MAX_SOURCES} and
 * {@link #MAX_TITLES}; occurrences of sources beyond are counted together, and titles beyond are
 * not ranked (so the top titles of a window with more distinct titles than that are those of its
 * first {@value #MAX_TITLES}). The state stays a few kilobytes whatever the traffic. Mutable; owned
 * by one processor.
 */
public final class DigestState {
  public static final int MAX_SOURCES = 50;
  public static final int MAX_TITLES = 200;
  private static final byte VERSION = 1;

  private final long windowStartMs;
  private final long dueMs;
  private long firing;
  private long resolved;
  private final Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
  private final Map<String, Long> bySource = new LinkedHashMap<>();
  private long otherSources;
  private final Map<String, Long> titles = new LinkedHashMap<>();

  public DigestState(long windowStartMs, long dueMs) {
    this.windowStartMs = windowStartMs;
    this.dueMs = dueMs;
  }

  public long windowStartMs() {
    return windowStartMs;
  }

  public long dueMs() {
    return dueMs;
  }

  /** Counts one alert event. */
  public void add(AlertEvent alert) {
    if (alert.getStatus() == AlertStatus.RESOLVED) {
      resolved++;
      return;
    }
    firing++;
    bySeverity.merge(alert.getSeverity(), 1L, Long::sum);
    if (bySource.containsKey(alert.getSource()) || bySource.size() < MAX_SOURCES) {
      bySource.merge(alert.getSource(), 1L, Long::sum);
    } else {
      otherSources++;
    }
    if (titles.containsKey(alert.getTitle()) || titles.size() < MAX_TITLES) {
      titles.merge(alert.getTitle(), 1L, Long::sum);
    }
  }

  /** The summary sent at {@code now}, listing the {@code topTitles} most frequent titles. */
  public DigestSummary summary(long now, int topTitles) {
    Map<String, Long> severities = new LinkedHashMap<>();
    bySeverity.forEach((severity, count) -> severities.put(severity.name(), count));
    List<TitleCount> top = new ArrayList<>();
    titles.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
        .limit(Math.max(0, topTitles))
        .forEach(e -> top.add(new TitleCount(e.getKey(), e.getValue())));
    return DigestSummary.newBuilder()
        .setWindowStart(Instant.ofEpochMilli(windowStartMs))
        .setWindowEnd(Instant.ofEpochMilli(now))
        .setFiring(firing)
        .setResolved(resolved)
        .setBySeverity(severities)
        .setBySource(new LinkedHashMap<>(bySource))
        .setOtherSources(otherSources)
        .setTopTitles(top)
        .build();
  }

  /** {@code version, times, counts, then each map as size and entries} in a {@link DataOutputStream}. */
  public static Serde<DigestState> serde() {
    Serializer<DigestState> serializer = (topic, s) -> {
      if (s == null) {
        return null;
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeByte(VERSION);
        out.writeLong(s.windowStartMs);
        out.writeLong(s.dueMs);
        out.writeLong(s.firing);
        out.writeLong(s.resolved);
        out.writeLong(s.otherSources);
        out.writeInt(s.bySeverity.size());
        for (Map.Entry<Severity, Long> e : s.bySeverity.entrySet()) {
          out.writeUTF(e.getKey().name());
          out.writeLong(e.getValue());
        }
        writeCounts(out, s.bySource);
        writeCounts(out, s.titles);
      } catch (IOException e) {
        throw new SerializationException("digest state does not encode", e);
      }
      return bytes.toByteArray();
    };
    Deserializer<DigestState> deserializer = (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
        byte version = in.readByte();
        if (version != VERSION) {
          throw new SerializationException("digest state of version " + version + ": expected " + VERSION);
        }
        DigestState s = new DigestState(in.readLong(), in.readLong());
        s.firing = in.readLong();
        s.resolved = in.readLong();
        s.otherSources = in.readLong();
        int severities = in.readInt();
        for (int i = 0; i < severities; i++) {
          s.bySeverity.put(Severity.valueOf(in.readUTF()), in.readLong());
        }
        readCounts(in, s.bySource);
        readCounts(in, s.titles);
        return s;
      } catch (IOException | IllegalArgumentException e) {
        throw new SerializationException("digest state of " + bytes.length + " bytes does not decode", e);
      }
    };
    return Serdes.serdeFrom(serializer, deserializer);
  }

  private static void writeCounts(DataOutputStream out, Map<String, Long> counts) throws IOException {
    out.writeInt(counts.size());
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeLong(e.getValue());
    }
  }

  private static void readCounts(DataInputStream in, Map<String, Long> counts) throws IOException {
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      counts.put(in.readUTF(), in.readLong());
    }
  }
}
