package io.klaxon.sinks.slack;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The channels of the local workspace, made up as clients name them: each name ({@code alerts} or
 * {@code #alerts}) gets a stable id ({@code C…}) the first time it is posted to; a name that is
 * already shaped like an id ({@code C0000000777}) is its own id. Thread-safe.
 */
final class SlackChannels {
  private static final Pattern CHANNEL_ID = Pattern.compile("[CGD][0-9A-Z]{8,}");

  private final AtomicLong counter = new AtomicLong();
  private final Map<String, String> idsByName = new ConcurrentHashMap<>();
  private final Map<String, String> namesById = new ConcurrentHashMap<>();

  /** The id of a channel named by name or id, made up when it is new. */
  String idFor(String channel) {
    String known = knownId(channel);
    if (known != null) {
      return known;
    }
    return idsByName.computeIfAbsent(name(channel), name -> {
      String id = CHANNEL_ID.matcher(name).matches() ? name
          : "C" + String.format(Locale.ROOT, "%010X", counter.incrementAndGet());
      namesById.put(id, name);
      return id;
    });
  }

  /** The id of a channel named by name or id, or null when nothing was ever posted to it. */
  String knownId(String channel) {
    String trimmed = channel.strip();
    if (namesById.containsKey(trimmed)) {
      return trimmed;
    }
    return idsByName.get(name(trimmed));
  }

  /** The name a channel id was made up for, or {@code fallback} when it was not. */
  String nameOf(String id, String fallback) {
    return namesById.getOrDefault(id, fallback);
  }

  private static String name(String channel) {
    String trimmed = channel.strip();
    return trimmed.startsWith("#") ? trimmed.substring(1) : trimmed;
  }
}
