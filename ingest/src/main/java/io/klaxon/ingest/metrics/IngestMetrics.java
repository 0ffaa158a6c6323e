package io.klaxon.ingest.metrics;

import io.klaxon.ingest.auth.TenantDirectory;
import io.klaxon.ops.CappedTagValues;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;

/**
 * The ingest service's meters, on {@code /metrics}:
 *
 * <pre>
 * klaxon_ingest_requests_total{endpoint,status}              every request answered, by HTTP status
 * klaxon_ingest_alerts_accepted_total{tenant,endpoint}       alerts Kafka acknowledged
 * klaxon_ingest_alerts_rejected_total{tenant,reason}         alerts refused: invalid, over_quota, too_many, not_acknowledged
 * klaxon_ingest_auth_failures_total{reason}                  requests refused for their key
 * klaxon_ingest_produce_latency_seconds                      send to acknowledgement of a request's alerts (histogram)
 * klaxon_ingest_request_latency_seconds{endpoint}            whole requests (histogram)
 * klaxon_ingest_tenants, klaxon_ingest_api_keys              tenants and usable keys known
 * </pre>
 *
 * Tenant tags are only ever the ids of authenticated (so known) tenants, and at most {@code
 * tenantSeriesLimit} of them; the rest are summed as {@code _other}. Thread-safe.
 */
public final class IngestMetrics {
  private final MeterRegistry registry;
  private final CappedTagValues tenants;
  private final Timer produceLatency;

  public IngestMetrics(MeterRegistry registry, int tenantSeriesLimit, TenantDirectory directory) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.tenants = new CappedTagValues(tenantSeriesLimit);
    this.produceLatency = Timer.builder("klaxon.ingest.produce.latency")
        .description("From sending a request's alerts to Kafka's acknowledgement of all of them")
        .publishPercentileHistogram().register(registry);
    Gauge.builder("klaxon.ingest.tenants", directory, TenantDirectory::tenantCount)
        .description("Tenants known from the tenants topic").register(registry);
    Gauge.builder("klaxon.ingest.api.keys", directory, TenantDirectory::keyCount)
        .description("API keys that may authenticate (not revoked)").register(registry);
  }

  /** One request answered with {@code status}, after {@code elapsed}. */
  public void request(String endpoint, int status, Duration elapsed) {
    Counter.builder("klaxon.ingest.requests").description("Requests answered, by endpoint and HTTP status")
        .tags("endpoint", endpoint, "status", Integer.toString(status)).register(registry).increment();
    Timer.builder("klaxon.ingest.request.latency").description("Whole requests, from arrival to answer")
        .tags("endpoint", endpoint).publishPercentileHistogram().register(registry).record(elapsed);
  }

  /** {@code count} alerts of {@code tenantId} acknowledged by Kafka. */
  public void accepted(String tenantId, String endpoint, int count) {
    if (count > 0) {
      Counter.builder("klaxon.ingest.alerts.accepted").description("Alerts written to the alerts topic and acknowledged")
          .tags("tenant", tenants.value(tenantId), "endpoint", endpoint).register(registry).increment(count);
    }
  }

  /** {@code count} alerts of {@code tenantId} refused for {@code reason}. */
  public void rejected(String tenantId, String reason, int count) {
    if (count > 0) {
      Counter.builder("klaxon.ingest.alerts.rejected").description("Alerts refused, by reason")
          .tags("tenant", tenants.value(tenantId), "reason", reason).register(registry).increment(count);
    }
  }

  /** A request refused for its key. */
  public void authFailure(String reason) {
    Counter.builder("klaxon.ingest.auth.failures").description("Requests refused for their API key, by reason")
        .tags("reason", reason).register(registry).increment();
  }

  /** How long a request's alerts took from send to acknowledgement. */
  public void produced(Duration elapsed) {
    produceLatency.record(elapsed);
  }
}
