package io.klaxon.streams;

import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertKind;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.Channel;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.EmailTarget;
import io.klaxon.events.Severity;
import io.klaxon.events.SlackTarget;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.events.WebhookTarget;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Tenants and alerts for tests, at a fixed time. */
public final class Samples {
  /** The time tests start at. */
  public static final long T0 = Instant.parse("2026-11-01T12:00:00Z").toEpochMilli();
  public static final long MINUTE = 60_000L;

  private Samples() {}

  /** A tenant of {@code tier} with three targets (oncall-slack, ops-email, siem) and no routing rules. */
  public static TenantConfig tenant(String id, Tier tier) {
    return TenantConfig.newBuilder()
        .setTenantId(id)
        .setTier(tier)
        .setTargets(List.of(
            new ChannelTarget("oncall-slack", Channel.SLACK, new SlackTarget("#" + id + "-oncall", null, null), null, null, null, null),
            new ChannelTarget("ops-email", Channel.EMAIL, null, new EmailTarget(List.of("ops@" + id + ".example"), List.of()), null, null, null),
            new ChannelTarget("siem", Channel.WEBHOOK, null, null, new WebhookTarget("https://siem." + id + ".example/hook", "env:SECRET"), null, null)))
        .build();
  }

  /** A valid FIRING alert of {@code tenantId} with label env=prod, occurred at {@link #T0}. */
  public static AlertEvent.Builder alert(String eventId, String tenantId, Severity severity, String title) {
    return AlertEvent.newBuilder()
        .setEventId(eventId)
        .setTenantId(tenantId)
        .setKind(AlertKind.ALERT)
        .setStatus(AlertStatus.FIRING)
        .setSeverity(severity)
        .setSource("payments-api")
        .setTitle(title)
        .setMessage("details")
        .setLabels(Map.of("env", "prod"))
        .setOccurredAt(Instant.ofEpochMilli(T0));
  }
}
