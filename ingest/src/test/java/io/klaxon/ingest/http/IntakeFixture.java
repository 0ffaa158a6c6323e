package io.klaxon.ingest.http;

import static io.klaxon.ingest.TestTenants.key;
import static io.klaxon.ingest.TestTenants.revoked;
import static io.klaxon.ingest.TestTenants.tenant;

import io.klaxon.events.AlertEvent;
import io.klaxon.events.Tier;
import io.klaxon.ingest.auth.TenantDirectory;
import io.klaxon.ingest.kafka.AlertWriter;
import io.klaxon.ingest.metrics.IngestMetrics;
import io.klaxon.ingest.quota.IngestQuota;
import io.klaxon.ingest.quota.QuotaLimit;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * An {@link Intake} over a {@code MockProducer} that acknowledges every record at once: tenants
 * acme (key {@value #ACME_KEY}, and a revoked one, {@value #REVOKED_KEY}) and globex (key {@value
 * #GLOBEX_KEY}), every tier's quota {@value #RATE} a minute with a burst of {@value #BURST}, on a
 * quota clock the test moves.
 */
public final class IntakeFixture {
  public static final String ACME_KEY = "klx_acme-test-key";
  public static final String REVOKED_KEY = "klx_acme-revoked-key";
  public static final String GLOBEX_KEY = "klx_globex-test-key";
  public static final String TOPIC = "alerts";
  static final int RATE = 60;
  static final int BURST = 5;
  public static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  final MockProducer<String, AlertEvent> producer =
      new MockProducer<>(true, null, new StringSerializer(), (topic, event) -> new byte[0]);
  final AtomicLong quotaNanos = new AtomicLong();
  final TenantDirectory directory;
  public final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  public final IngestMetrics metrics;
  public final Intake intake;

  public IntakeFixture() {
    Map<Tier, QuotaLimit> limits = new EnumMap<>(Tier.class);
    for (Tier tier : Tier.values()) {
      limits.put(tier, new QuotaLimit(RATE, BURST));
    }
    IngestQuota quota = new IngestQuota(limits, quotaNanos::get);
    directory = new TenantDirectory(quota::forget);
    directory.apply("acme", tenant("acme", Tier.STANDARD, key("ci", ACME_KEY), revoked("old", REVOKED_KEY)));
    directory.apply("globex", tenant("globex", Tier.TRIAL, key("ci", GLOBEX_KEY)));
    metrics = new IngestMetrics(meters, 100, directory);
    intake = new Intake(directory, quota, new AlertWriter(producer, TOPIC, Duration.ofSeconds(5)), metrics,
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  /** The value of one sample of the scrape, or 0 when absent. */
  public double sample(String series) {
    return meters.scrape().lines().filter(line -> line.startsWith(series + " ")).findFirst()
        .map(line -> Double.parseDouble(line.substring(series.length() + 1))).orElse(0.0);
  }
}
