package io.klaxon.ingest;

import io.klaxon.events.Severity;
import io.klaxon.events.Tier;
import io.klaxon.ingest.quota.QuotaLimit;
import io.klaxon.ops.ClusterSettings;
import io.klaxon.ops.Env;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The ingest service's settings, read from environment variables (the one place that does so;
 * where the cluster, the registry and the topics are comes from {@link ClusterSettings}). Immutable.
 *
 * <pre>
 * HTTP_HOST, HTTP_PORT            127.0.0.1, 8083   the ingest API, /metrics and /health
 * INGEST_MAX_BODY_BYTES           1048576           longest request body; longer ones get 413
 * INGEST_RATE_&lt;TIER&gt;             per tier, below   sustained alerts per minute per tenant
 * INGEST_BURST_&lt;TIER&gt;            per tier, below   most alerts per tenant at once (and per request)
 * INGEST_DEFAULT_SEVERITY         WARNING           severity of an alert without a known severity label
 * INGEST_PRODUCE_TIMEOUT          10s               how long a request waits for Kafka's acknowledgement
 * PRODUCER_LINGER_MS              5                 how long the producer waits to fill a batch
 * TENANT_METRICS_LIMIT            100               tenants with their own metric series
 * SECRETS_DIR                     (none)            tenants' file secrets (Slack signing secrets), as for the notifier
 * SLACK_RESPONSE_URL_PREFIX       https://hooks.slack.com/   a Slack interaction's response_url must start with it
 * </pre>
 *
 * Default quotas, ten times the Streams app's tier rate limits (this is a flood guard in front of
 * the alerts topic; the pipeline's own rate limit, counted and summarized, does the fine work):
 * ENTERPRISE 60,000/min burst 20,000; PROFESSIONAL 12,000/min burst 4,000; STANDARD 3,000/min burst
 * 1,000; TRIAL 600/min burst 200.
 *
 * @param cluster the Kafka cluster, the schema registry and the topic names
 * @param httpHost the address the HTTP server binds
 * @param httpPort its port (0: any free one)
 * @param maxBodyBytes the longest request body accepted
 * @param quotas each tier's ingest quota
 * @param defaultSeverity the severity of an Alertmanager alert without a known severity label
 * @param produceTimeout how long a request may wait for Kafka's acknowledgement
 * @param lingerMs the producer's {@code linger.ms}
 * @param tenantSeriesLimit how many tenants get their own metric series
 * @param secretsDir the directory of the tenants' file secrets, or null for none
 * @param slackResponseUrlPrefix the prefix a Slack interaction's {@code response_url} must have to be posted to
 */
public record IngestSettings(
    ClusterSettings cluster,
    String httpHost,
    int httpPort,
    int maxBodyBytes,
    Map<Tier, QuotaLimit> quotas,
    Severity defaultSeverity,
    Duration produceTimeout,
    int lingerMs,
    int tenantSeriesLimit,
    Path secretsDir,
    String slackResponseUrlPrefix) {

  public static final int DEFAULT_PORT = 8083;
  public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
  /** Each tier's default ingest quota. */
  public static final Map<Tier, QuotaLimit> DEFAULT_QUOTAS = Map.of(
      Tier.ENTERPRISE, new QuotaLimit(60_000, 20_000),
      Tier.PROFESSIONAL, new QuotaLimit(12_000, 4_000),
      Tier.STANDARD, new QuotaLimit(3_000, 1_000),
      Tier.TRIAL, new QuotaLimit(600, 200));
  /** Where Slack's {@code response_url}s point. */
  public static final String DEFAULT_SLACK_RESPONSE_URL_PREFIX = "https://hooks.slack.com/";

  public IngestSettings {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(httpHost, "httpHost");
    Objects.requireNonNull(defaultSeverity, "defaultSeverity");
    Objects.requireNonNull(produceTimeout, "produceTimeout");
    Objects.requireNonNull(slackResponseUrlPrefix, "slackResponseUrlPrefix");
    quotas = Map.copyOf(quotas);
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("INGEST_MAX_BODY_BYTES must be positive, was " + maxBodyBytes);
    }
    if (produceTimeout.toMillis() <= lingerMs) {
      throw new IllegalArgumentException("INGEST_PRODUCE_TIMEOUT must be longer than PRODUCER_LINGER_MS");
    }
  }

  /**
   * Reads the settings.
   *
   * @throws IllegalArgumentException naming the variable whose value is invalid
   */
  public static IngestSettings from(Env env) {
    Map<Tier, QuotaLimit> quotas = new EnumMap<>(Tier.class);
    for (Tier tier : Tier.values()) {
      QuotaLimit defaults = DEFAULT_QUOTAS.get(tier);
      String suffix = tier.name().toUpperCase(Locale.ROOT);
      int rate = positive(env, "INGEST_RATE_" + suffix, defaults.perMinute());
      int burst = positive(env, "INGEST_BURST_" + suffix, defaults.burst());
      quotas.put(tier, new QuotaLimit(rate, burst));
    }
    return new IngestSettings(ClusterSettings.from(env),
        env.string("HTTP_HOST", "127.0.0.1"),
        env.integer("HTTP_PORT", DEFAULT_PORT),
        positive(env, "INGEST_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES),
        quotas,
        env.enumValue("INGEST_DEFAULT_SEVERITY", Severity.class, Severity.WARNING),
        env.duration("INGEST_PRODUCE_TIMEOUT", Duration.ofSeconds(10)),
        env.integer("PRODUCER_LINGER_MS", 5),
        env.integer("TENANT_METRICS_LIMIT", 100),
        env.raw("SECRETS_DIR") == null || env.raw("SECRETS_DIR").isBlank() ? null : Path.of(env.raw("SECRETS_DIR")),
        env.string("SLACK_RESPONSE_URL_PREFIX", DEFAULT_SLACK_RESPONSE_URL_PREFIX));
  }

  private static int positive(Env env, String name, int defaultValue) {
    int value = env.integer(name, defaultValue);
    if (value < 1) {
      throw new IllegalArgumentException("Environment variable " + name + "='" + value + "' is not valid: expected a positive whole number");
    }
    return value;
  }
}
