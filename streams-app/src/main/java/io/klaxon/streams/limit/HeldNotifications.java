package io.klaxon.streams.limit;

import io.klaxon.events.AlertEvent;
import io.klaxon.events.ChannelLimit;
import io.klaxon.events.GroupedAlert;
import io.klaxon.events.NotificationRequest;
import io.klaxon.streams.digest.DigestState;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The notifications a channel limit held back for one target since {@code counts.windowStartMs()}:
 * the limit as it was when the first was held (what the summary reports, even if the tenant changes
 * it since), how many notifications, and their alerts counted as a digest counts them ({@link
 * DigestState}, bounded whatever the traffic). A held ALERT counts its alert; a held GROUP counts
 * the alerts that joined or resolved since its previous flush (all its listed alerts for a repeat).
 * Mutable; owned by one processor.
 */
public final class HeldNotifications {
  private static final byte VERSION = 1;
  private static final Serde<DigestState> COUNTS = DigestState.serde();

  private final int perMinute;
  private final int burst;
  private final DigestState counts;
  private long notifications;

  public HeldNotifications(ChannelLimit limit, long windowStartMs, long dueMs) {
    this(limit.getPerMinute(), NotificationLimits.burst(limit), new DigestState(windowStartMs, dueMs), 0);
  }

  private HeldNotifications(int perMinute, int burst, DigestState counts, long notifications) {
    this.perMinute = perMinute;
    this.burst = burst;
    this.counts = counts;
    this.notifications = notifications;
  }

  public long windowStartMs() {
    return counts.windowStartMs();
  }

  public long dueMs() {
    return counts.dueMs();
  }

  /** How many notifications were held. */
  public long notifications() {
    return notifications;
  }

  /** The limit that held them, for the summary. */
  public ChannelLimit limit(io.klaxon.events.Channel channel) {
    return new ChannelLimit(channel, perMinute, burst);
  }

  /** The alert counts, for the summary. */
  public DigestState counts() {
    return counts;
  }

  /** Counts one held notification. */
  public void add(NotificationRequest request) {
    notifications++;
    switch (request.getType()) {
      case ALERT -> {
        if (request.getAlert() != null) {
          counts.add(request.getAlert());
        }
      }
      case GROUP -> {
        if (request.getGroup() == null) {
          return;
        }
        boolean anyChanged = request.getGroup().getAlerts().stream().anyMatch(GroupedAlert::getChanged);
        for (GroupedAlert grouped : request.getGroup().getAlerts()) {
          if (grouped.getChanged() || !anyChanged) {
            AlertEvent alert = grouped.getAlert();
            counts.add(alert);
          }
        }
      }
      case SUPPRESSION_SUMMARY, DIGEST -> { }
    }
  }

  /** {@code version, perMinute, burst, notifications, then the counts as DigestState encodes them}. */
  public static Serde<HeldNotifications> serde() {
    Serializer<HeldNotifications> serializer = (topic, h) -> {
      if (h == null) {
        return null;
      }
      byte[] counts = COUNTS.serializer().serialize(topic, h.counts);
      return ByteBuffer.allocate(1 + 4 + 4 + 8 + counts.length)
          .put(VERSION).putInt(h.perMinute).putInt(h.burst).putLong(h.notifications).put(counts).array();
    };
    Deserializer<HeldNotifications> deserializer = (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      if (bytes.length < 17 || bytes[0] != VERSION) {
        throw new SerializationException("held notifications of " + bytes.length + " bytes do not decode: expected version "
            + VERSION + " and at least 17 bytes");
      }
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      buffer.get();
      int perMinute = buffer.getInt();
      int burst = buffer.getInt();
      long notifications = buffer.getLong();
      byte[] counts = new byte[buffer.remaining()];
      buffer.get(counts);
      return new HeldNotifications(perMinute, burst, COUNTS.deserializer().deserialize(topic, counts), notifications);
    };
    return Serdes.serdeFrom(serializer, deserializer);
  }
}
