package io.klaxon.notifier.app;

import io.klaxon.events.IsolationLevel;
import io.klaxon.notifier.delivery.DeliverySettings;
import io.klaxon.notifier.delivery.RetryPolicy;
import io.klaxon.notifier.secret.Secret;
import io.klaxon.ops.Env;
import io.klaxon.topics.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Every setting of the notifier, read from environment variables in one place. Defaults:
 *
 * <pre>
 * KAFKA_BOOTSTRAP_SERVERS   localhost:9092
 * SCHEMA_REGISTRY_URL       http://localhost:8085
 * NOTIFIER_GROUP_ID         klaxon-notifier
 * NOTIFICATIONS_TOPIC       klaxon.notifications.v1
 * DELIVERIES_TOPIC          klaxon.deliveries.v1
 * NOTIFICATIONS_DLQ_TOPIC   klaxon.notifications.dlq.v1
 * ALERTS_DLQ_TOPIC          klaxon.alerts.dlq.v1     where undecodable notification requests go (as DeadLetter)
 * NOTIFIER_MAX_IN_FLIGHT    200        deliveries at once on the shared capacity (BASIC and MODERATE tenants)
 * TENANT_ISOLATION_LEVEL    MODERATE   level of tenants whose configuration sets none: STRICT, MODERATE or BASIC
 * TENANT_MAX_IN_FLIGHT      50         MODERATE: most shared slots one tenant holds at once
 * STRICT_TENANT_IN_FLIGHT   20         STRICT: slots each such tenant has of its own, outside the shared capacity
 * DEFAULT_LOCALE            en
 * SLACK_API_URL             https://slack.com/api/
 * SLACK_BOT_TOKEN           (none)     secret; only needed for targets without an incoming webhook
 * SLACK_TIMEOUT             10s
 * SLACK_PACE_PER_SECOND     1.0        messages per second per Slack channel
 * SLACK_PACE_BURST          3
 * SMTP_HOST                 127.0.0.1
 * SMTP_PORT                 25
 * SMTP_USER                 (none)
 * SMTP_PASSWORD_REF         (none)     env:NAME or file:/path
 * SMTP_STARTTLS             false      true, false or required
 * SMTP_TLS                  false      implicit TLS (port 465)
 * SMTP_FROM                 klaxon@localhost
 * SMTP_CONNECTIONS          4          SMTP connections kept open
 * SMTP_TIMEOUT              30s
 * SECRETS_DIR               (none)     tenants' file secrets: file:/... references of tenant T must lie under SECRETS_DIR/T/
 * WEBHOOK_ALLOWLIST         (empty)    comma-separated hosts, IPs and CIDR blocks allowed over http / internally
 * WEBHOOK_CONNECT_TIMEOUT   5s
 * WEBHOOK_TIMEOUT           10s
 * RETRY_BASE                1s
 * RETRY_MAX                 5m
 * RETRY_MULTIPLIER          2.0
 * RETRY_MAX_ATTEMPTS        8
 * RETRY_MAX_ELAPSED         15m
 * RETRY_AFTER_MAX           10m        the longest Retry-After a destination gets honoured
 * TARGET_CONCURRENCY        4          attempts in flight per tenant target
 * HTTP_HOST                 127.0.0.1  metrics and health (use 0.0.0.0 in a container)
 * HTTP_PORT                 8082
 * KAFKA_&lt;X&gt;                        passed to every Kafka client as property x (lower case, _ → .)
 * </pre>
 *
 * Secrets are kept as {@link Secret} and never appear in {@link #toString()}.
 */
public record NotifierConfig(
    String bootstrapServers,
    String schemaRegistryUrl,
    String groupId,
    String notificationsTopic,
    String deliveriesTopic,
    String dlqTopic,
    int maxInFlight,
    TenantAdmission.Limits admission,
    String defaultLocale,
    String slackApiUrl,
    Secret slackBotToken,
    Duration slackTimeout,
    String smtpHost,
    int smtpPort,
    String smtpUser,
    String smtpPasswordRef,
    boolean smtpStartTls,
    boolean smtpStartTlsRequired,
    boolean smtpTls,
    String smtpFrom,
    int smtpConnections,
    Duration smtpTimeout,
    List<String> webhookAllowlist,
    Duration webhookConnectTimeout,
    Duration webhookTimeout,
    DeliverySettings delivery,
    String httpHost,
    int httpPort,
    Map<String, String> kafkaProperties,
    String alertsDlqTopic,
    Path secretsDir) {

  /**
   * Reads the settings.
   *
   * @throws IllegalArgumentException naming the variable whose value is invalid
   */
  public static NotifierConfig from(Env env) {
    String startTls = env.string("SMTP_STARTTLS", "false").toLowerCase(java.util.Locale.ROOT);
    if (!List.of("true", "false", "required").contains(startTls)) {
      throw new IllegalArgumentException("Environment variable SMTP_STARTTLS='" + startTls
          + "' is not valid: expected true, false or required");
    }
    String token = env.raw("SLACK_BOT_TOKEN");
    int maxInFlight = positive(env, "NOTIFIER_MAX_IN_FLIGHT", 200);
    TenantAdmission.Limits admission = new TenantAdmission.Limits(
        env.enumValue("TENANT_ISOLATION_LEVEL", IsolationLevel.class, IsolationLevel.MODERATE),
        maxInFlight,
        positive(env, "TENANT_MAX_IN_FLIGHT", 50),
        positive(env, "STRICT_TENANT_IN_FLIGHT", 20));
    // Limits on what a destination or a tenant can make the notifier do, and where records go that it cannot read.
    Duration retryAfterMax = env.duration("RETRY_AFTER_MAX", RetryPolicy.DEFAULT_RETRY_AFTER_MAX);
    String alertsDlqTopic = env.string("ALERTS_DLQ_TOPIC", TopicNames.DEFAULTS.alertsDlq());
    String secretsDir = env.raw("SECRETS_DIR");

    RetryPolicy retry = new RetryPolicy(
        env.duration("RETRY_BASE", Duration.ofSeconds(1)),
        env.duration("RETRY_MAX", Duration.ofMinutes(5)),
        env.decimal("RETRY_MULTIPLIER", 2.0),
        env.integer("RETRY_MAX_ATTEMPTS", 8),
        env.duration("RETRY_MAX_ELAPSED", Duration.ofMinutes(15)),
        retryAfterMax);
    DeliverySettings delivery = new DeliverySettings(retry,
        env.decimal("SLACK_PACE_PER_SECOND", 1.0),
        env.integer("SLACK_PACE_BURST", 3),
        env.integer("TARGET_CONCURRENCY", 4));
    return new NotifierConfig(
        env.string("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
        env.string("SCHEMA_REGISTRY_URL", "http://localhost:8085"),
        env.string("NOTIFIER_GROUP_ID", "klaxon-notifier"),
        env.string("NOTIFICATIONS_TOPIC", "klaxon.notifications.v1"),
        env.string("DELIVERIES_TOPIC", "klaxon.deliveries.v1"),
        env.string("NOTIFICATIONS_DLQ_TOPIC", "klaxon.notifications.dlq.v1"),
        maxInFlight,
        admission,
        env.string("DEFAULT_LOCALE", "en"),
        env.string("SLACK_API_URL", "https://slack.com/api/"),
        token == null ? null : new Secret(token),
        env.duration("SLACK_TIMEOUT", Duration.ofSeconds(10)),
        env.string("SMTP_HOST", "127.0.0.1"),
        env.integer("SMTP_PORT", 25),
        env.raw("SMTP_USER"),
        env.raw("SMTP_PASSWORD_REF"),
        !startTls.equals("false"),
        startTls.equals("required"),
        env.bool("SMTP_TLS", false),
        env.string("SMTP_FROM", "klaxon@localhost"),
        env.integer("SMTP_CONNECTIONS", 4),
        env.duration("SMTP_TIMEOUT", Duration.ofSeconds(30)),
        env.list("WEBHOOK_ALLOWLIST", List.of()),
        env.duration("WEBHOOK_CONNECT_TIMEOUT", Duration.ofSeconds(5)),
        env.duration("WEBHOOK_TIMEOUT", Duration.ofSeconds(10)),
        delivery,
        env.string("HTTP_HOST", "127.0.0.1"),
        env.integer("HTTP_PORT", 8082),
        passThrough(env.kafkaClientProperties()),
        alertsDlqTopic,
        secretsDir == null || secretsDir.isBlank() ? null : Path.of(secretsDir.strip()));
  }

  private static int positive(Env env, String name, int defaultValue) {
    int value = env.integer(name, defaultValue);
    if (value < 1) {
      throw new IllegalArgumentException("Environment variable " + name + "='" + value + "' is not valid: expected 1 or more");
    }
    return value;
  }

  /** KAFKA_BOOTSTRAP_SERVERS is read on its own; every other KAFKA_* variable passes through. */
  private static Map<String, String> passThrough(Map<String, String> properties) {
    Map<String, String> copy = new java.util.TreeMap<>(properties);
    copy.remove("bootstrap.servers");
    return Map.copyOf(copy);
  }

  @Override
  public String toString() {
    return "NotifierConfig[bootstrapServers=" + bootstrapServers + ", schemaRegistryUrl=" + schemaRegistryUrl
        + ", groupId=" + groupId + ", topics=" + notificationsTopic + "/" + deliveriesTopic + "/" + dlqTopic + "/" + alertsDlqTopic
        + ", maxInFlight=" + maxInFlight + ", admission=" + admission + ", defaultLocale=" + defaultLocale + ", slackApiUrl=" + slackApiUrl + ", slackBotToken="
        + (slackBotToken == null ? "none" : "***") + ", smtp=" + smtpHost + ":" + smtpPort + ", smtpUser=" + smtpUser
        + ", smtpPasswordRef=" + smtpPasswordRef + ", secretsDir=" + secretsDir + ", webhookAllowlist=" + webhookAllowlist + ", delivery=" + delivery
        + ", http=" + httpHost + ":" + httpPort + ", kafkaProperties=" + kafkaProperties.keySet() + "]";
  }
}
