package io.klaxon.cli.control;

import io.klaxon.cli.KafkaOptions;
import io.klaxon.control.ControlEvents;
import io.klaxon.control.Silence;
import io.klaxon.control.SilenceLimits;
import io.klaxon.control.SilencesView;
import io.klaxon.registry.SchemaRegistry;
import io.klaxon.topics.KlaxonTopics;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the silence and ack commands share: the topics against the registry, a writer, and a read
 * of a tenant's silences. Closes the registry client and the writer.
 */
final class ControlConnection implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final KafkaOptions kafka;
  private final SchemaRegistry registry;
  private final KlaxonTopics topics;
  private ControlEvents events;

  ControlConnection(KafkaOptions kafka) {
    this.kafka = kafka;
    this.registry = kafka.registry();
    this.topics = KlaxonTopics.of(kafka.topics(), registry);
  }

  ControlEvents events() {
    if (events == null) {
      events = ControlEvents.open(kafka.clientProperties(Map.of()), topics, SilenceLimits.DEFAULTS, TIMEOUT);
    }
    return events;
  }

  List<Silence> silences(String tenantId) {
    try (SilencesView view = SilencesView.start(kafka.clientProperties(Map.of()), topics.silences(), "klaxon-silences")) {
      return view.silences(tenantId, TIMEOUT);
    }
  }

  @Override
  public void close() {
    if (events != null) {
      events.close();
    }
    registry.close();
  }
}
