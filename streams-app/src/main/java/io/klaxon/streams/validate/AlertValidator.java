package io.klaxon.streams.validate;

import io.klaxon.contract.AlertEventLimits;
import io.klaxon.contract.FieldProblem;
import io.klaxon.contract.TenantIds;
import io.klaxon.events.AlertEvent;
import io.klaxon.events.DeadLetterReason;
import io.klaxon.events.TenantConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The rules a decoded event must meet (SPEC "Decode and validate"), first failure wins: tenant id
 * pattern, tenant known, tenant enabled, field limits, timestamp not too far in the future.
 * Stateless and thread-safe; time is the record's timestamp, never the wall clock, so replays give
 * the same answers.
 */
public final class AlertValidator {
  private final long maxFutureSkewMs;

  public AlertValidator(Duration maxFutureSkew) {
    this.maxFutureSkewMs = maxFutureSkew.toMillis();
  }

  /**
   * @param event the decoded event
   * @param tenant the tenant's configuration, or null when unknown
   * @param recordTime the record's timestamp
   * @return why the event is refused, or empty when it is valid
   */
  public Optional<Rejection> validate(AlertEvent event, TenantConfig tenant, long recordTime) {
    String tenantId = event.getTenantId();
    if (!TenantIds.isValid(tenantId)) {
      return Optional.of(Rejection.field("tenantId", "'" + abbreviate(tenantId) + "' does not match " + TenantIds.PATTERN.pattern()));
    }
    if (tenant == null) {
      return Optional.of(new Rejection(DeadLetterReason.UNKNOWN_TENANT, "tenant '" + tenantId + "' is not configured", null));
    }
    if (tenant.getErasedAt() != null) {
      return Optional.of(new Rejection(DeadLetterReason.TENANT_DISABLED, "tenant '" + tenantId + "' was erased at "
          + tenant.getErasedAt(), null));
    }
    if (!tenant.getEnabled()) {
      return Optional.of(new Rejection(DeadLetterReason.TENANT_DISABLED, "tenant '" + tenantId + "' is disabled", null));
    }
    Optional<Rejection> field = fields(event);
    if (field.isPresent()) {
      return field;
    }
    long aheadMs = event.getOccurredAt().toEpochMilli() - recordTime;
    if (aheadMs > maxFutureSkewMs) {
      return Optional.of(new Rejection(DeadLetterReason.TIMESTAMP_IN_FUTURE,
          "occurredAt " + event.getOccurredAt() + " is " + aheadMs + " ms after the record timestamp (limit "
              + maxFutureSkewMs + " ms)", "occurredAt"));
    }
    return Optional.empty();
  }

  // The limits that need nothing but the event are the contract's (AlertEventLimits, which the
  // ingest paths check too); the first problem, in field order, is the rejection.
  private static Optional<Rejection> fields(AlertEvent event) {
    List<FieldProblem> problems = AlertEventLimits.check(event);
    if (problems.isEmpty()) {
      return Optional.empty();
    }
    FieldProblem first = problems.getFirst();
    return Optional.of(Rejection.field(first.field(), first.message()));
  }

  private static String abbreviate(String value) {
    if (value == null) {
      return "null";
    }
    return value.length() <= 40 ? value : value.substring(0, 40) + "…";
  }
}
