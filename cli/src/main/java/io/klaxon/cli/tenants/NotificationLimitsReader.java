package io.klaxon.cli.tenants;

import io.klaxon.contract.TargetKind;
import io.klaxon.events.Channel;
import io.klaxon.events.ChannelLimit;
import io.klaxon.events.ChannelTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a tenant file's {@code notificationLimits}: a map from channel ({@code slack}, {@code
 * email}, {@code webhook}) to {@code {perMinute, burst?}}, the most notifications a minute the
 * tenant's targets of that channel get together, and how many may go out at once after a quiet
 * spell (default: {@code perMinute}). Both from 1 to {@value #MAX}. Over the limit notifications are
 * held and summarized per target once a minute; CRITICAL firing alerts still pass. A limit on a
 * channel the tenant has no target of is a warning: it does nothing. Stateless.
 */
final class NotificationLimitsReader {
  static final int MAX = 100_000;
  private static final String PATH = "notificationLimits";
  private static final Set<String> CHANNELS = Set.of("slack", "email", "webhook");
  private static final Set<String> FIELDS = Set.of("perMinute", "burst");

  private NotificationLimitsReader() {}

  /** The limits under {@code node} (absent: none), in the file's order. */
  static List<ChannelLimit> read(NodeReader r, Located node, List<ChannelTarget> targets) {
    if (node == null) {
      return List.of();
    }
    Located.Mapping map = r.mapping(node, PATH, CHANNELS);
    if (map == null) {
      return List.of();
    }
    List<ChannelLimit> limits = new ArrayList<>();
    for (Located.Entry entry : map.entries().values()) {
      if (!CHANNELS.contains(entry.key())) {
        continue;
      }
      String path = NodeReader.child(PATH, entry.key());
      Channel channel = Channel.valueOf(entry.key().toUpperCase(Locale.ROOT));
      Located.Mapping limit = r.mapping(entry.value(), path, FIELDS);
      if (limit == null) {
        continue;
      }
      Integer perMinute = bounded(r, r.required(limit, path, "perMinute"), NodeReader.child(path, "perMinute"));
      Integer burst = bounded(r, r.optional(limit, "burst"), NodeReader.child(path, "burst"));
      if (perMinute == null) {
        continue;
      }
      if (targets.stream().noneMatch(t -> TargetKind.of(t) == TargetKind.of(channel))) {
        r.sink().warn(entry.value(), path, "has no effect: the tenant has no " + entry.key() + " target");
      }
      limits.add(new ChannelLimit(channel, perMinute, burst));
    }
    return limits;
  }

  private static Integer bounded(NodeReader r, Located node, String path) {
    Integer value = r.positiveInt(node, path);
    if (value != null && value > MAX) {
      r.sink().error(node, path, value + " is more than " + MAX);
      return null;
    }
    return value;
  }
}
