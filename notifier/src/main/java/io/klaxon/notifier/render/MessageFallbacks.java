package io.klaxon.notifier.render;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;

/**
 * Counts the messages a notification could not show in its own words: {@code
 * klaxon_notifier_message_fallbacks_total{key,to}}, {@code to} one of {@code english} (no bundle
 * of the notification's locale has the key, typically a tenant's bundle of a language Klaxon lacks
 * that leaves a key out) and {@code built_in} (the tenant's pattern failed to format and Klaxon's
 * was used). Keys are message keys, a fixed set, and tenants are not a tag, so the series stay
 * few. Thread-safe.
 */
final class MessageFallbacks {
  static final String METER = "klaxon.notifier.message.fallbacks";

  private final MeterRegistry registry;

  MessageFallbacks(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  void toEnglish(String key) {
    counter(key, "english").increment();
  }

  void toBuiltIn(String key) {
    counter(key, "built_in").increment();
  }

  private Counter counter(String key, String to) {
    return Counter.builder(METER).description("Messages shown from a fallback bundle instead of the notification's own")
        .tag("key", key).tag("to", to).register(registry);
  }
}
