package io.klaxon.streams.group;

import io.klaxon.events.GroupPolicy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One open group: which rule and target it belongs to, what defines it, its timings and where it
 * stands. The alerts themselves are separate entries ({@link GroupMember}), so a flush rewrites
 * only what changed and no single record grows with the group.
 *
 * @param routeName the rule that groups
 * @param targetId the tenant's target the group is notified to
 * @param groupLabels the groupBy labels and their values
 * @param groupWaitMs the rule's groupWait when the group last changed
 * @param groupIntervalMs the rule's groupInterval when the group last changed
 * @param repeatIntervalMs the rule's repeatInterval when the group last changed
 * @param startedAtMs when the group opened (wall clock)
 * @param lastFlushMs when it was last notified, or -1 before its first notification
 * @param nextFlushMs when it is due next
 * @param sequence how many notifications it has had
 * @param members how many alerts the group holds (whether any changed is a matter of its members)
 */
public record GroupHeader(String routeName, String targetId, SortedMap<String, String> groupLabels, long groupWaitMs,
    long groupIntervalMs, long repeatIntervalMs, long startedAtMs, long lastFlushMs, long nextFlushMs, long sequence,
    int members) {
  private static final byte VERSION = 2;

  public GroupHeader {
    groupLabels = Collections.unmodifiableSortedMap(new TreeMap<>(groupLabels));
  }

  /** A group opened at {@code now}: due after the policy's groupWait, nothing notified yet. */
  public static GroupHeader open(String routeName, String targetId, SortedMap<String, String> groupLabels,
      GroupPolicy policy, long now) {
    return new GroupHeader(routeName, targetId, groupLabels, policy.getGroupWaitMs(), policy.getGroupIntervalMs(),
        policy.getRepeatIntervalMs(), now, -1, GroupTimes.plus(now, policy.getGroupWaitMs()), 0, 0);
  }

  public boolean notified() {
    return lastFlushMs >= 0;
  }

  public GroupHeader withPolicy(GroupPolicy policy) {
    return new GroupHeader(routeName, targetId, groupLabels, policy.getGroupWaitMs(), policy.getGroupIntervalMs(),
        policy.getRepeatIntervalMs(), startedAtMs, lastFlushMs, nextFlushMs, sequence, members);
  }

  public GroupHeader withNextFlush(long next) {
    return new GroupHeader(routeName, targetId, groupLabels, groupWaitMs, groupIntervalMs, repeatIntervalMs,
        startedAtMs, lastFlushMs, next, sequence, members);
  }

  public GroupHeader withMembers(int memberCount) {
    return new GroupHeader(routeName, targetId, groupLabels, groupWaitMs, groupIntervalMs, repeatIntervalMs,
        startedAtMs, lastFlushMs, nextFlushMs, sequence, memberCount);
  }

  /** The group after a notification at {@code now} that left {@code memberCount} alerts in it. */
  public GroupHeader flushed(long now, int memberCount) {
    return new GroupHeader(routeName, targetId, groupLabels, groupWaitMs, groupIntervalMs, repeatIntervalMs,
        startedAtMs, now, GroupTimes.plus(now, repeatIntervalMs), sequence + 1, memberCount);
  }

  /** {@code version, strings and numbers} in a {@link DataOutputStream}: a few dozen bytes plus the labels. */
  public static Serde<GroupHeader> serde() {
    Serializer<GroupHeader> serializer = (topic, h) -> {
      if (h == null) {
        return null;
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeByte(VERSION);
        out.writeUTF(h.routeName);
        out.writeUTF(h.targetId);
        out.writeInt(h.groupLabels.size());
        for (Map.Entry<String, String> label : h.groupLabels.entrySet()) {
          out.writeUTF(label.getKey());
          out.writeUTF(label.getValue());
        }
        out.writeLong(h.groupWaitMs);
        out.writeLong(h.groupIntervalMs);
        out.writeLong(h.repeatIntervalMs);
        out.writeLong(h.startedAtMs);
        out.writeLong(h.lastFlushMs);
        out.writeLong(h.nextFlushMs);
        out.writeLong(h.sequence);
        out.writeInt(h.members);
      } catch (IOException e) {
        throw new SerializationException("group header does not encode", e);
      }
      return bytes.toByteArray();
    };
    Deserializer<GroupHeader> deserializer = (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
        byte version = in.readByte();
        if (version != VERSION) {
          throw new SerializationException("group header of version " + version + ": expected " + VERSION);
        }
        String route = in.readUTF();
        String target = in.readUTF();
        int labels = in.readInt();
        SortedMap<String, String> groupLabels = new TreeMap<>();
        for (int i = 0; i < labels; i++) {
          groupLabels.put(in.readUTF(), in.readUTF());
        }
        return new GroupHeader(route, target, groupLabels, in.readLong(), in.readLong(), in.readLong(), in.readLong(),
            in.readLong(), in.readLong(), in.readLong(), in.readInt());
      } catch (IOException e) {
        throw new SerializationException("group header of " + bytes.length + " bytes does not decode", e);
      }
    };
    return Serdes.serdeFrom(serializer, deserializer);
  }
}
