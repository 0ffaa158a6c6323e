package io.klaxon.notifier.app;

import io.klaxon.events.IsolationLevel;
import io.klaxon.notifier.delivery.AdaptiveConcurrency;
import io.klaxon.notifier.delivery.ChannelPacer;
import io.klaxon.notifier.delivery.DeliverySettings;
import io.klaxon.notifier.delivery.OutcomeWriteBackoff;
import io.klaxon.notifier.delivery.RetryPolicy;
import io.klaxon.notifier.pagerduty.PagerDutySender;
import io.klaxon.ops.ClusterSettings;
import io.klaxon.ops.Env;
import io.klaxon.ops.GroupRecovery;
import io.klaxon.ops.secret.MasterKeySettings;
import io.klaxon.ops.secret.Secret;
import io.klaxon.ops.secret.SecretResolver;
import io.klaxon.privacy.MasterKeys;
import io.klaxon.registry.RegistrySettings;
import io.klaxon.topics.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Every setting of the notifier, read from environment variables in one place. Where the cluster,
 * the schema registry and the topics are ({@code KAFKA_BOOTSTRAP_SERVERS}, every {@code KAFKA_*}
 * pass-through, {@code SCHEMA_REGISTRY_URL}, {@code SCHEMA_REGISTRY_BASIC_AUTH}, {@code
 * SCHEMA_REGISTRY_TIMEOUT}, {@code NOTIFICATIONS_TOPIC}, {@code DELIVERIES_TOPIC}, {@code
 * NOTIFICATIONS_DLQ_TOPIC}) is read by {@link ClusterSettings}, as for every service. The rest,
 * with their defaults:
 *
 * <pre>
 * NOTIFIER_GROUP_ID         klaxon-notifier
 * GROUP_INSTANCE_ID         (none)     static group membership: this notifier's own stable name (GroupRecovery)
 * NOTIFIER_MAX_IN_FLIGHT    200        deliveries at once on the shared capacity (BASIC and MODERATE tenants)
 * TENANT_ISOLATION_LEVEL    MODERATE   level of tenants whose configuration sets none: STRICT, MODERATE or BASIC
 * TENANT_MAX_IN_FLIGHT      50         MODERATE: most shared slots one tenant holds at once
 * STRICT_TENANT_IN_FLIGHT   20         STRICT: slots each such tenant has of its own, outside the shared capacity
 * TENANT_MAX_WAITING        5000       requests of one tenant read and waiting (for a slot or its destination)
 *                                      before the partitions holding them are paused
 * NOTIFIER_MAX_WAITING      20000      requests read and waiting in all before every partition is paused
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
 * SMTP_CONNECTIONS          8          SMTP connections kept open
 * SMTP_TIMEOUT              30s
 * SECRETS_DIR               (none)     tenants' file secrets: file:/... references of tenant T must lie under SECRETS_DIR/T/
 * WEBHOOK_ALLOWLIST         (empty)    comma-separated hosts, IPs and CIDR blocks allowed over http / internally
 * WEBHOOK_CONNECT_TIMEOUT   5s
 * WEBHOOK_TIMEOUT           10s
 * PAGERDUTY_EVENTS_URL      https://events.pagerduty.com/v2/enqueue   where PagerDuty targets without their own eventsUrl post
 * PAGERDUTY_PACE_PER_SECOND 2.0        events per second per routing key (PagerDuty allows 120 a minute)
 * PAGERDUTY_PACE_BURST      10
 * RETRY_BASE                1s
 * RETRY_MAX                 5m
 * RETRY_MULTIPLIER          2.0
 * RETRY_MAX_ATTEMPTS        8
 * RETRY_MAX_ELAPSED         15m
 * RETRY_AFTER_MAX           10m        the longest Retry-After a destination gets honoured
 * TARGET_CONCURRENCY        8          attempts in flight per tenant target at first; adapts to its answers
 * TARGET_CONCURRENCY_MIN    1          the least a target's limit falls to (on 429, 5xx, timeouts)
 * TARGET_CONCURRENCY_MAX    256        the most a target's limit grows to (while its latency holds)
 * HTTP_HOST                 127.0.0.1  metrics and health (use 0.0.0.0 in a container)
 * HTTP_PORT                 8082
 * KLAXON_MASTER_KEY_REF     (none)     env:NAME or file:/path to the master key (32 bytes, base64) that opens the
 *                                      tenants' data keys: sealed notifications are opened, receipts sealed
 * KLAXON_PREVIOUS_MASTER_KEY_REF (none) the master key being rotated away from, while a rotation is under way
 * </pre>
 *
 * Secrets are kept as {@link Secret} and never appear in {@link #toString()}, nor do the registry's
 * credentials.
 */
public record NotifierConfig(
    ClusterSettings cluster,
    String groupId,
    String groupInstanceId,
    int maxInFlight,
    TenantAdmission.Limits admission,
    PartitionBackpressure.Limits waiting,
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
    String pagerDutyEventsUrl,
    ChannelPacer.Pace pagerDutyPace,
    DeliverySettings delivery,
    String httpHost,
    int httpPort,
    Path secretsDir,
    MasterKeys masterKeys) {

  /** The consumer group when {@code NOTIFIER_GROUP_ID} names none. */
  public static final String DEFAULT_GROUP_ID = "klaxon-notifier";

  public NotifierConfig {
    Objects.requireNonNull(cluster, "cluster");
  }

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
    // A partition is behind for everyone at maxInFlight waiting requests, a tenant counted for at
    // most its own in-flight share of them; one tenant alone is bounded by its own limit.
    PartitionBackpressure.Limits waiting = new PartitionBackpressure.Limits(maxInFlight, admission.tenantLimit(),
        positive(env, "TENANT_MAX_WAITING", 5_000), positive(env, "NOTIFIER_MAX_WAITING", 20_000));
    // Limits on what a destination or a tenant can make the notifier do.
    String secretsDir = env.raw("SECRETS_DIR");
    RetryPolicy retry = new RetryPolicy(
        env.duration("RETRY_BASE", Duration.ofSeconds(1)),
        env.duration("RETRY_MAX", Duration.ofMinutes(5)),
        env.decimal("RETRY_MULTIPLIER", 2.0),
        env.integer("RETRY_MAX_ATTEMPTS", 8),
        env.duration("RETRY_MAX_ELAPSED", Duration.ofMinutes(15)),
        env.duration("RETRY_AFTER_MAX", RetryPolicy.DEFAULT_RETRY_AFTER_MAX));
    DeliverySettings delivery = new DeliverySettings(retry,
        env.decimal("SLACK_PACE_PER_SECOND", 1.0),
        env.integer("SLACK_PACE_BURST", 3),
        targetConcurrency(env), OutcomeWriteBackoff.defaults());
    return new NotifierConfig(
        ClusterSettings.from(env),
        env.string("NOTIFIER_GROUP_ID", DEFAULT_GROUP_ID),
        GroupRecovery.instanceId(env),
        maxInFlight,
        admission,
        waiting,
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
        env.integer("SMTP_CONNECTIONS", 8),
        env.duration("SMTP_TIMEOUT", Duration.ofSeconds(30)),
        env.list("WEBHOOK_ALLOWLIST", List.of()),
        env.duration("WEBHOOK_CONNECT_TIMEOUT", Duration.ofSeconds(5)),
        env.duration("WEBHOOK_TIMEOUT", Duration.ofSeconds(10)),
        env.string("PAGERDUTY_EVENTS_URL", PagerDutySender.DEFAULT_EVENTS_URL),
        pace(env, "PAGERDUTY_PACE", PagerDutySender.DEFAULT_PACE),
        delivery,
        env.string("HTTP_HOST", "127.0.0.1"),
        env.integer("HTTP_PORT", 8082),
        secretsDir == null ? null : Path.of(secretsDir),
        MasterKeySettings.from(env, new SecretResolver(env::raw)).orElse(null));
  }

  /** {@code <PREFIX>_PER_SECOND} and {@code <PREFIX>_BURST}, each defaulting to {@code defaults}'. */
  private static ChannelPacer.Pace pace(Env env, String prefix, ChannelPacer.Pace defaults) {
    double perSecond = env.decimal(prefix + "_PER_SECOND", defaults.perSecond());
    int burst = env.integer(prefix + "_BURST", defaults.burst());
    try {
      return new ChannelPacer.Pace(perSecond, burst);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(prefix + "_PER_SECOND / " + prefix + "_BURST: " + e.getMessage(), e);
    }
  }

  /** How to reach the schema registry. */
  public RegistrySettings registry() {
    return cluster.registry();
  }

  /** The names of the topics read and written. */
  public TopicNames topics() {
    return cluster.topics();
  }

  private static AdaptiveConcurrency.Limits targetConcurrency(Env env) {
    AdaptiveConcurrency.Limits defaults = DeliverySettings.DEFAULT_TARGET_CONCURRENCY;
    int min = positive(env, "TARGET_CONCURRENCY_MIN", defaults.min());
    int max = positive(env, "TARGET_CONCURRENCY_MAX", defaults.max());
    int initial = positive(env, "TARGET_CONCURRENCY", Math.max(min, Math.min(max, defaults.initial())));
    if (min > initial || initial > max) {
      throw new IllegalArgumentException("Environment variables TARGET_CONCURRENCY_MIN=" + min + ", TARGET_CONCURRENCY="
          + initial + ", TARGET_CONCURRENCY_MAX=" + max + " are not valid: expected MIN <= TARGET_CONCURRENCY <= MAX");
    }
    return new AdaptiveConcurrency.Limits(min, initial, max);
  }

  private static int positive(Env env, String name, int defaultValue) {
    int value = env.integer(name, defaultValue);
    if (value < 1) {
      throw new IllegalArgumentException("Environment variable " + name + "='" + value + "' is not valid: expected 1 or more");
    }
    return value;
  }

  @Override
  public String toString() {
    TopicNames topics = topics();
    return "NotifierConfig[bootstrapServers=" + cluster.bootstrapServers() + ", registry=" + registry()
        + ", groupId=" + groupId + ", topics=" + topics.notifications() + "/" + topics.deliveries() + "/"
        + topics.notificationsDlq() + ", maxInFlight=" + maxInFlight + ", admission=" + admission + ", waiting=" + waiting
        + ", defaultLocale=" + defaultLocale + ", slackApiUrl=" + slackApiUrl + ", slackBotToken="
        + (slackBotToken == null ? "none" : "***") + ", smtp=" + smtpHost + ":" + smtpPort + ", smtpUser=" + smtpUser
        + ", smtpPasswordRef=" + smtpPasswordRef + ", secretsDir=" + secretsDir + ", webhookAllowlist=" + webhookAllowlist + ", delivery=" + delivery
        + ", http=" + httpHost + ":" + httpPort + ", masterKey=" + (masterKeys == null ? "none" : masterKeys.current().id())
        + ", kafkaProperties=" + cluster.kafkaProperties().keySet() + "]";
  }
}
