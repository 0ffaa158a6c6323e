package io.klaxon.ops;

import io.klaxon.registry.RegistrySettings;
import io.klaxon.topics.TopicNames;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where Klaxon's data lives, as every service, the CLI and the launcher read it from the
 * environment: the Kafka cluster (bootstrap servers and every {@code KAFKA_*} pass-through property,
 * TLS and SASL included), the schema registry and the topic names. Immutable.
 *
 * <pre>
 * KAFKA_BOOTSTRAP_SERVERS     localhost:9092
 * KAFKA_&lt;X&gt;                   passed to every Kafka client as property x (lower case, _ → .)
 * SCHEMA_REGISTRY_URL         http://localhost:8085   (mock://scope: in memory, for tests)
 * SCHEMA_REGISTRY_BASIC_AUTH  (none)                  user:password
 * SCHEMA_REGISTRY_TIMEOUT     10s                     per registry call
 * ALERTS_TOPIC                klaxon.alerts.v1
 * TENANTS_TOPIC               klaxon.tenants.v1
 * ALERTS_DLQ_TOPIC            klaxon.alerts.dlq.v1
 * NOTIFICATIONS_TOPIC         klaxon.notifications.v1
 * DELIVERIES_TOPIC            klaxon.deliveries.v1
 * NOTIFICATIONS_DLQ_TOPIC     klaxon.notifications.dlq.v1
 * SILENCES_TOPIC              klaxon.silences.v1
 * ACKS_TOPIC                  klaxon.acks.v1
 * SLACK_MESSAGES_TOPIC        klaxon.slack.messages.v1
 * OUTCOMES_TOPIC              klaxon.outcomes.v1
 * TENANT_CHANGES_TOPIC        klaxon.tenants.changes.v1
 * ALERT_STATES_TOPIC          klaxon.alerts.state.v1
 * </pre>
 *
 * @param bootstrapServers the cluster's bootstrap servers
 * @param kafkaProperties client properties passed through from {@code KAFKA_*} variables, without
 *     {@code bootstrap.servers}
 * @param registry how to reach the schema registry
 * @param topics the topic names
 */
public record ClusterSettings(
    String bootstrapServers,
    Map<String, String> kafkaProperties,
    RegistrySettings registry,
    TopicNames topics) {

  public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

  public ClusterSettings {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(topics, "topics");
    kafkaProperties = Map.copyOf(kafkaProperties);
  }

  /**
   * Reads the settings.
   *
   * @throws IllegalArgumentException naming the variable whose value is invalid
   */
  public static ClusterSettings from(Env env) {
    Map<String, String> passThrough = new HashMap<>(env.kafkaClientProperties());
    passThrough.remove("bootstrap.servers");
    TopicNames defaults = TopicNames.DEFAULTS;
    return new ClusterSettings(
        env.string("KAFKA_BOOTSTRAP_SERVERS", DEFAULT_BOOTSTRAP_SERVERS),
        passThrough,
        new RegistrySettings(env.string("SCHEMA_REGISTRY_URL", RegistrySettings.DEFAULT_URL),
            env.raw("SCHEMA_REGISTRY_BASIC_AUTH"),
            env.duration("SCHEMA_REGISTRY_TIMEOUT", RegistrySettings.DEFAULT_REQUEST_TIMEOUT)),
        new TopicNames(
            env.string("ALERTS_TOPIC", defaults.alerts()),
            env.string("TENANTS_TOPIC", defaults.tenants()),
            env.string("ALERTS_DLQ_TOPIC", defaults.alertsDlq()),
            env.string("NOTIFICATIONS_TOPIC", defaults.notifications()),
            env.string("DELIVERIES_TOPIC", defaults.deliveries()),
            env.string("NOTIFICATIONS_DLQ_TOPIC", defaults.notificationsDlq()),
            env.string("SILENCES_TOPIC", defaults.silences()),
            env.string("ACKS_TOPIC", defaults.acks()),
            env.string("SLACK_MESSAGES_TOPIC", defaults.slackMessages()),
            env.string("OUTCOMES_TOPIC", defaults.outcomes()),
            env.string("TENANT_CHANGES_TOPIC", defaults.tenantChanges()),
            env.string("ALERT_STATES_TOPIC", defaults.alertStates())));
  }

  /** Properties for a Kafka client: the pass-through ones, the bootstrap servers, then {@code extra}. */
  public Map<String, Object> clientProperties(Map<String, ?> extra) {
    Map<String, Object> properties = new HashMap<>(kafkaProperties);
    properties.put("bootstrap.servers", bootstrapServers);
    properties.putAll(extra);
    return properties;
  }

  /** The same cluster with other bootstrap servers (command-line overrides). */
  public ClusterSettings withBootstrapServers(String servers) {
    return new ClusterSettings(servers, kafkaProperties, registry, topics);
  }

  /** The same cluster with another registry URL, keeping credentials and timeout (command-line overrides). */
  public ClusterSettings withRegistryUrl(String url) {
    return new ClusterSettings(bootstrapServers, kafkaProperties,
        new RegistrySettings(url, registry.basicAuthUserInfo(), registry.requestTimeout()), topics);
  }
}
