package io.klaxon.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klaxon.events.AlertEvent;
import io.klaxon.ingest.auth.Authentication;
import io.klaxon.ingest.auth.BearerToken;
import io.klaxon.ingest.auth.Caller;
import io.klaxon.ingest.auth.TenantDirectory;
import io.klaxon.ingest.kafka.AlertWriter;
import io.klaxon.ingest.kafka.WriteResult;
import io.klaxon.ingest.mapping.IngestItem;
import io.klaxon.ingest.mapping.ParsedPayload;
import io.klaxon.ingest.mapping.PayloadFormat;
import io.klaxon.ingest.metrics.IngestMetrics;
import io.klaxon.ingest.quota.IngestQuota;
import io.klaxon.ingest.quota.QuotaDecision;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What happens to a request, apart from HTTP itself: the key names the tenant ({@link
 * #authenticate}); then ({@link #accept}) the body is read in the endpoint's format, the valid items
 * are charged to the tenant's quota and written to Kafka, and the answer says what became of every
 * item. The order is what makes the answers true: nothing is written for a request whose key does
 * not authenticate, and 2xx is answered only after Kafka acknowledged. Thread-safe.
 */
public final class Intake {
  /** When a client may try again after Kafka did not acknowledge. */
  static final Duration RETRY_AFTER_FAILED_WRITE = Duration.ofSeconds(5);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final TenantDirectory directory;
  private final IngestQuota quota;
  private final AlertWriter writer;
  private final IngestMetrics metrics;
  private final Clock clock;

  public Intake(TenantDirectory directory, IngestQuota quota, AlertWriter writer, IngestMetrics metrics, Clock clock) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.quota = Objects.requireNonNull(quota, "quota");
    this.writer = Objects.requireNonNull(writer, "writer");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Who sent a request with this {@code Authorization} header (null when it had none). */
  public Authentication authenticate(String authorization) {
    Authentication authentication = directory.authenticate(BearerToken.from(authorization).orElse(null), clock.instant());
    if (authentication instanceof Authentication.Refused refused) {
      metrics.authFailure(refused.refusal().tag());
    }
    return authentication;
  }

  /** Takes a request's body from {@code caller}, in {@code format}. */
  public Answer accept(Caller caller, PayloadFormat format, byte[] body) {
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (IOException e) {
      return Answer.unreadable("the body is not JSON");
    }
    if (json == null || json.isMissingNode()) {
      return Answer.unreadable("the body is empty");
    }
    return switch (format.read(json, caller.tenantId(), clock.instant())) {
      case ParsedPayload.Unreadable unreadable -> Answer.unreadable(unreadable.message());
      case ParsedPayload.Items items -> accept(caller, format, items.items());
    };
  }

  private Answer accept(Caller caller, PayloadFormat format, List<IngestItem> items) {
    List<IngestItem> invalid = items.stream().filter(item -> !item.isValid()).toList();
    List<AlertEvent> events = items.stream().filter(IngestItem::isValid).map(IngestItem::event).toList();
    String tenant = caller.tenantId();
    metrics.rejected(tenant, "invalid", invalid.size());
    if (events.isEmpty()) {
      return invalid.isEmpty() ? Answer.accepted(0) : Answer.partlyInvalid(0, invalid);
    }
    switch (quota.take(tenant, caller.tier(), events.size())) {
      case QuotaDecision.TooMany tooMany -> {
        metrics.rejected(tenant, "too_many", events.size());
        return Answer.tooManyAlerts(events.size(), tooMany.burst());
      }
      case QuotaDecision.Exhausted exhausted -> {
        metrics.rejected(tenant, "over_quota", events.size());
        return Answer.overQuota(exhausted.retryAfter());
      }
      case QuotaDecision.Granted granted -> {
        // Charged; now written.
      }
    }
    long start = System.nanoTime();
    WriteResult written = writer.write(events);
    metrics.produced(Duration.ofNanos(System.nanoTime() - start));
    if (written instanceof WriteResult.Failed failed) {
      metrics.rejected(tenant, "not_acknowledged", events.size());
      return Answer.unavailable("alerts not written: " + failed.reason(), RETRY_AFTER_FAILED_WRITE);
    }
    metrics.accepted(tenant, format.name(), events.size());
    return invalid.isEmpty() ? Answer.accepted(events.size()) : Answer.partlyInvalid(events.size(), invalid);
  }
}
