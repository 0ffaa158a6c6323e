package io.klaxon.streams.app;

import io.klaxon.events.AlertEvent;
import io.klaxon.events.TenantConfig;
import io.klaxon.registry.CompatibilityLevel;
import io.klaxon.registry.SchemaRegistry;
import io.klaxon.registry.SchemaRegistryException;
import io.klaxon.registry.SchemaRegistryUnavailableException;
import io.klaxon.serde.WireFormat;
import io.klaxon.topics.KlaxonTopics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Klaxon's input contracts in the schema registry. The topics that producers write and Klaxon
 * reads (alerts, tenants) must refuse any schema version Klaxon cannot read, or one producer could
 * register a version without a required field and have every record written with it dead-lettered.
 * So their subjects run {@link #LEVEL} (a subject already at FORWARD_TRANSITIVE, which is enough, is
 * left as it is), and hold Klaxon's own schema, so that a producer serializing with the latest
 * version finds one on a fresh stack instead of failing with 40401.
 *
 * <p>A registry that does not let Klaxon change a subject's configuration is logged with what to set
 * by hand; a subject holding versions Klaxon's schema is incompatible with is logged as an error.
 * Neither stops the Streams app. Stateless.
 */
final class InputContracts {
  static final CompatibilityLevel LEVEL = CompatibilityLevel.FULL_TRANSITIVE;
  private static final Logger LOG = LoggerFactory.getLogger(InputContracts.class);
  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  private static final Duration MAX_RETRY = Duration.ofMinutes(1);

  private InputContracts() {}

  /** Each input subject with the schema Klaxon reads it with. */
  static Map<String, Schema> subjects(KlaxonTopics topics) {
    Map<String, Schema> subjects = new LinkedHashMap<>();
    subjects.put(WireFormat.subject(topics.alerts().name(), false), AlertEvent.getClassSchema());
    subjects.put(WireFormat.subject(topics.tenants().name(), false), TenantConfig.getClassSchema());
    return subjects;
  }

  /**
   * Sets the level of each input subject and registers Klaxon's schema there.
   *
   * @throws SchemaRegistryUnavailableException when the registry cannot be reached; what was done
   *     stays done, and applying again completes it
   */
  static void apply(SchemaRegistry registry, KlaxonTopics topics) {
    subjects(topics).forEach((subject, schema) -> {
      if (!keepsReadersWorking(registry, subject)) {
        unlessRefused(() -> registry.setCompatibility(subject, LEVEL), e -> LOG.warn("Could not set subject {} to {},"
            + " so a producer may register a version Klaxon cannot read; set it on the registry (PUT /config/{} with"
            + " {{\"compatibility\":\"{}\"}}): {}", subject, LEVEL, subject, LEVEL, e.getMessage()));
      }
      unlessRefused(() -> registry.register(subject, schema), e -> LOG.error("Could not register Klaxon's {} under"
          + " subject {}: versions there may not be readable by Klaxon, and records written with them are"
          + " dead-lettered: {}", schema.getName(), subject, e.getMessage()));
    });
  }

  /** Makes a registry call; an outage propagates, any other refusal goes to {@code onRefused}. */
  private static void unlessRefused(Runnable call, Consumer<SchemaRegistryException> onRefused) {
    try {
      call.run();
    } catch (SchemaRegistryUnavailableException e) {
      throw e;
    } catch (SchemaRegistryException e) {
      onRefused.accept(e);
    }
  }

  /**
   * {@link #apply}, retried with backoff (from 1 s, doubling, at most 1 min apart) while the
   * registry cannot be reached. Returns when done, or when the thread is interrupted.
   */
  static void applyOnceReachable(SchemaRegistry registry, KlaxonTopics topics) {
    Duration wait = FIRST_RETRY;
    while (!Thread.currentThread().isInterrupted()) {
      try {
        apply(registry, topics);
        LOG.info("Input subjects {} set to {} with Klaxon's schemas", subjects(topics).keySet(), LEVEL);
        return;
      } catch (SchemaRegistryUnavailableException e) {
        try {
          Thread.sleep(wait);
        } catch (InterruptedException interrupted) {
          return;
        }
        wait = wait.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait.multipliedBy(2);
      }
    }
  }

  private static boolean keepsReadersWorking(SchemaRegistry registry, String subject) {
    try {
      return registry.compatibility(subject).keepsEveryEarlierReaderWorking();
    } catch (SchemaRegistryUnavailableException e) {
      throw e;
    } catch (SchemaRegistryException e) {
      return false; // a registry that cannot say is told
    }
  }
}
