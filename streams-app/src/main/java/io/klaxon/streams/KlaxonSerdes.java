package io.klaxon.streams;

import io.klaxon.events.DeadLetter;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.TenantConfig;
import io.klaxon.registry.SchemaRegistry;
import io.klaxon.serde.SpecificAvroDeserializer;
import io.klaxon.serde.SpecificAvroSerde;
import io.klaxon.events.AlertEvent;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * The serdes the topology needs, all in the Confluent wire format against one registry.
 *
 * @param alerts decodes input values; rejects null so a null value is dead-lettered
 * @param tenants tenant configurations; null is a tombstone
 * @param deadLetters dead letters
 * @param notifications notification requests
 */
public record KlaxonSerdes(
    SpecificAvroDeserializer<AlertEvent> alerts,
    Serde<TenantConfig> tenants,
    Serde<DeadLetter> deadLetters,
    Serde<NotificationRequest> notifications) {

  public KlaxonSerdes {
    Objects.requireNonNull(alerts, "alerts");
    Objects.requireNonNull(tenants, "tenants");
    Objects.requireNonNull(deadLetters, "deadLetters");
    Objects.requireNonNull(notifications, "notifications");
  }

  public static KlaxonSerdes of(SchemaRegistry registry) {
    return new KlaxonSerdes(new SpecificAvroDeserializer<>(registry, AlertEvent.class, true),
        SpecificAvroSerde.of(registry, TenantConfig.class), SpecificAvroSerde.of(registry, DeadLetter.class),
        SpecificAvroSerde.of(registry, NotificationRequest.class));
  }
}
