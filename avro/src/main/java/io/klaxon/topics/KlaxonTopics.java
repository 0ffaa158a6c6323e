package io.klaxon.topics;

import io.klaxon.control.Acknowledgement;
import io.klaxon.control.ControlKeys;
import io.klaxon.control.Silence;
import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertState;
import io.klaxon.events.DeadLetter;
import io.klaxon.events.DeliveryReceipt;
import io.klaxon.events.FailedNotification;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.SlackThread;
import io.klaxon.events.Outcome;
import io.klaxon.events.TenantChange;
import io.klaxon.events.TenantConfig;
import io.klaxon.registry.SchemaRegistry;
import io.klaxon.serde.SpecificAvroSerde;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Klaxon's topics, each with its name and serdes, against one schema registry. Keys are tenant ids
 * (UTF-8 strings; the alerts DLQ and outcomes keys may be null), except on the compacted control
 * topics, where a key names one silence or one alert ({@link ControlKeys}: {@code tenantId/silenceId},
 * {@code tenantId/fingerprint} on the acks and alert states topics), and on the Slack messages topic, whose keys are
 * {@link SlackThreadKeys} (one per alert and target). Values are Avro in the Confluent wire format.
 * Immutable and thread-safe; built once per process and passed to whoever reads or writes.
 */
public record KlaxonTopics(
    TopicNames names,
    Topic<String, AlertEvent> alerts,
    Topic<String, TenantConfig> tenants,
    Topic<String, DeadLetter> alertsDlq,
    Topic<String, NotificationRequest> notifications,
    Topic<String, DeliveryReceipt> deliveries,
    Topic<String, FailedNotification> notificationsDlq,
    Topic<String, Silence> silences,
    Topic<String, Acknowledgement> acks,
    Topic<String, SlackThread> slackMessages,
    Topic<String, Outcome> outcomes,
    Topic<String, TenantChange> tenantChanges,
    Topic<String, AlertState> alertStates) {

  public KlaxonTopics {
    Objects.requireNonNull(names, "names");
  }

  /** The topics named by {@code names}, their values read and written through {@code registry}. */
  public static KlaxonTopics of(TopicNames names, SchemaRegistry registry) {
    Serde<String> keys = Serdes.String();
    return new KlaxonTopics(names,
        new Topic<>(names.alerts(), keys, SpecificAvroSerde.rejectingNull(registry, AlertEvent.class)),
        new Topic<>(names.tenants(), keys, SpecificAvroSerde.of(registry, TenantConfig.class)),
        new Topic<>(names.alertsDlq(), keys, SpecificAvroSerde.of(registry, DeadLetter.class)),
        new Topic<>(names.notifications(), keys, SpecificAvroSerde.of(registry, NotificationRequest.class)),
        new Topic<>(names.deliveries(), keys, SpecificAvroSerde.of(registry, DeliveryReceipt.class)),
        new Topic<>(names.notificationsDlq(), keys, SpecificAvroSerde.of(registry, FailedNotification.class)),
        new Topic<>(names.silences(), keys, SpecificAvroSerde.of(registry, Silence.class)),
        new Topic<>(names.acks(), keys, SpecificAvroSerde.of(registry, Acknowledgement.class)),
        new Topic<>(names.slackMessages(), keys, SpecificAvroSerde.of(registry, SlackThread.class)),
        new Topic<>(names.outcomes(), keys, SpecificAvroSerde.of(registry, Outcome.class)),
        new Topic<>(names.tenantChanges(), keys, SpecificAvroSerde.of(registry, TenantChange.class)),
        new Topic<>(names.alertStates(), keys, SpecificAvroSerde.of(registry, AlertState.class)));
  }
}
