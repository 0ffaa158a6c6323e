package io.klaxon.notifier.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klaxon.events.IsolationLevel;
import io.klaxon.ops.Env;
import io.klaxon.registry.RegistrySettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotifierConfigTest {
  @Test
  void defaultsAreDocumentedValues() {
    NotifierConfig config = NotifierConfig.from(Env.of(Map.of()));

    assertThat(config.cluster().bootstrapServers()).isEqualTo("localhost:9092");
    assertThat(config.registry().url()).isEqualTo("http://localhost:8085");
    assertThat(config.groupId()).isEqualTo("klaxon-notifier");
    assertThat(config.topics().notifications()).isEqualTo("klaxon.notifications.v1");
    assertThat(config.topics().deliveries()).isEqualTo("klaxon.deliveries.v1");
    assertThat(config.topics().notificationsDlq()).isEqualTo("klaxon.notifications.dlq.v1");
    assertThat(config.defaultLocale()).isEqualTo("en");
    assertThat(config.slackApiUrl()).isEqualTo("https://slack.com/api/");
    assertThat(config.slackBotToken()).isNull();
    assertThat(config.smtpPort()).isEqualTo(25);
    assertThat(config.smtpStartTls()).isFalse();
    assertThat(config.webhookAllowlist()).isEmpty();
    assertThat(config.delivery().retry().maxAttempts()).isEqualTo(8);
    assertThat(config.delivery().retry().base()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.delivery().slackPerSecond()).isEqualTo(1.0);
    assertThat(config.pagerDutyPace()).isEqualTo(new io.klaxon.notifier.delivery.ChannelPacer.Pace(2.0, 10));
    assertThat(config.pagerDutyEventsUrl()).isEqualTo("https://events.pagerduty.com/v2/enqueue");
    assertThat(config.delivery().targetConcurrency())
        .isEqualTo(new io.klaxon.notifier.delivery.AdaptiveConcurrency.Limits(1, 8, 256));
    assertThat(config.httpPort()).isEqualTo(8082);
    assertThat(config.cluster().kafkaProperties()).isEmpty();
    assertThat(config.admission())
        .isEqualTo(new TenantAdmission.Limits(IsolationLevel.MODERATE, 200, 50, 20));
    assertThat(config.waiting()).isEqualTo(new PartitionBackpressure.Limits(200, 50, 5_000, 20_000));
  }

  @Test
  void readsEveryVariableAndPassesKafkaSettingsThrough() {
    NotifierConfig config = NotifierConfig.from(Env.of(Map.ofEntries(
        Map.entry("KAFKA_BOOTSTRAP_SERVERS", "broker:9093"),
        Map.entry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL"),
        Map.entry("KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule required;"),
        Map.entry("DEFAULT_LOCALE", "fr-CA"),
        Map.entry("SLACK_BOT_TOKEN", "xoxb-secret-token"),
        Map.entry("SMTP_STARTTLS", "required"),
        Map.entry("SMTP_PASSWORD_REF", "file:/run/secrets/smtp"),
        Map.entry("WEBHOOK_ALLOWLIST", "hooks.internal, 10.0.0.0/8"),
        Map.entry("RETRY_MAX_ATTEMPTS", "3"),
        Map.entry("RETRY_MAX_ELAPSED", "2m"),
        Map.entry("SLACK_PACE_BURST", "5"),
        Map.entry("HTTP_PORT", "9100"),
        Map.entry("TENANT_ISOLATION_LEVEL", "strict"),
        Map.entry("NOTIFIER_MAX_IN_FLIGHT", "500"),
        Map.entry("TENANT_MAX_IN_FLIGHT", "25"),
        Map.entry("STRICT_TENANT_IN_FLIGHT", "8"),
        Map.entry("TENANT_MAX_WAITING", "700"),
        Map.entry("NOTIFIER_MAX_WAITING", "3000"))));

    assertThat(config.cluster().bootstrapServers()).isEqualTo("broker:9093");
    assertThat(config.cluster().kafkaProperties()).containsOnly(Map.entry("security.protocol", "SASL_SSL"),
        Map.entry("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required;"));
    assertThat(config.defaultLocale()).isEqualTo("fr-CA");
    assertThat(config.slackBotToken().reveal()).isEqualTo("xoxb-secret-token");
    assertThat(config.smtpStartTls()).isTrue();
    assertThat(config.smtpStartTlsRequired()).isTrue();
    assertThat(config.webhookAllowlist()).containsExactly("hooks.internal", "10.0.0.0/8");
    assertThat(config.delivery().retry().maxAttempts()).isEqualTo(3);
    assertThat(config.delivery().retry().maxElapsed()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.delivery().slackBurst()).isEqualTo(5);
    assertThat(config.httpPort()).isEqualTo(9100);
    assertThat(config.admission()).isEqualTo(new TenantAdmission.Limits(IsolationLevel.STRICT, 500, 25, 8));
    assertThat(config.waiting()).isEqualTo(new PartitionBackpressure.Limits(500, 25, 700, 3_000));
    assertThat(config.toString()).doesNotContain("xoxb-secret-token");
  }

  @Test
  void theRegistryCredentialsReachTheNotifierButNotItsLog() {
    NotifierConfig config = NotifierConfig.from(Env.of(Map.of(
        "SCHEMA_REGISTRY_URL", "https://admin:hunter2@registry.example",
        "SCHEMA_REGISTRY_BASIC_AUTH", "notifier:s3cret",
        "SCHEMA_REGISTRY_TIMEOUT", "2s",
        "NOTIFICATIONS_TOPIC", "eu.notifications")));

    assertThat(config.registry()).isEqualTo(
        new RegistrySettings("https://admin:hunter2@registry.example", "notifier:s3cret", Duration.ofSeconds(2)));
    assertThat(config.topics().notifications()).isEqualTo("eu.notifications");
    assertThat(config.toString()).contains("registry.example", "eu.notifications")
        .doesNotContain("s3cret").doesNotContain("hunter2");
  }

  @Test
  void invalidValuesNameTheVariable() {
    assertThatThrownBy(() -> NotifierConfig.from(Env.of(Map.of("SMTP_STARTTLS", "maybe"))))
        .hasMessageContaining("SMTP_STARTTLS");
    assertThatThrownBy(() -> NotifierConfig.from(Env.of(Map.of("RETRY_MAX_ATTEMPTS", "many"))))
        .hasMessageContaining("RETRY_MAX_ATTEMPTS");
    assertThatThrownBy(() -> NotifierConfig.from(Env.of(Map.of("TENANT_ISOLATION_LEVEL", "LOOSE"))))
        .hasMessageContaining("TENANT_ISOLATION_LEVEL").hasMessageContaining("MODERATE");
    assertThatThrownBy(() -> NotifierConfig.from(Env.of(Map.of("TENANT_MAX_IN_FLIGHT", "0"))))
        .hasMessageContaining("TENANT_MAX_IN_FLIGHT");
    assertThatThrownBy(() -> NotifierConfig.from(Env.of(Map.of("PAGERDUTY_PACE_PER_SECOND", "0"))))
        .hasMessageContaining("PAGERDUTY_PACE_PER_SECOND");
    assertThatThrownBy(() -> NotifierConfig.from(Env.of(Map.of("PAGERDUTY_PACE_BURST", "0"))))
        .hasMessageContaining("PAGERDUTY_PACE_BURST");
  }

  @Test
  void limitsOnWhatDestinationsCanAskForHaveDocumentedDefaultsAndCanBeSet() {
    NotifierConfig defaults = NotifierConfig.from(Env.of(Map.of()));
    assertThat(defaults.delivery().retry().retryAfterMax()).isEqualTo(Duration.ofMinutes(10));
    assertThat(defaults.topics().alertsDlq()).isEqualTo("klaxon.alerts.dlq.v1");
    assertThat(defaults.secretsDir()).isNull();

    NotifierConfig config = NotifierConfig.from(Env.of(Map.of("RETRY_AFTER_MAX", "2m", "ALERTS_DLQ_TOPIC", "dlq.alerts",
        "SECRETS_DIR", "/run/secrets/klaxon")));

    assertThat(config.delivery().retry().retryAfterMax()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.topics().alertsDlq()).isEqualTo("dlq.alerts");
    assertThat(config.secretsDir()).isEqualTo(java.nio.file.Path.of("/run/secrets/klaxon"));
    assertThatThrownBy(() -> NotifierConfig.from(Env.of(Map.of("RETRY_AFTER_MAX", "soon"))))
        .hasMessageContaining("RETRY_AFTER_MAX");
  }

  @Test
  void targetConcurrencyBoundsAreReadAndCheckedTogether() {
    NotifierConfig config = NotifierConfig.from(Env.of(Map.of("TARGET_CONCURRENCY_MIN", "2", "TARGET_CONCURRENCY", "16",
        "TARGET_CONCURRENCY_MAX", "64")));
    assertThat(config.delivery().targetConcurrency())
        .isEqualTo(new io.klaxon.notifier.delivery.AdaptiveConcurrency.Limits(2, 16, 64));

    assertThatThrownBy(() -> NotifierConfig.from(Env.of(Map.of("TARGET_CONCURRENCY", "300"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TARGET_CONCURRENCY=300")
        .hasMessageContaining("TARGET_CONCURRENCY_MAX=256");
    assertThatThrownBy(() -> NotifierConfig.from(Env.of(Map.of("TARGET_CONCURRENCY_MIN", "0"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TARGET_CONCURRENCY_MIN");
  }
}
