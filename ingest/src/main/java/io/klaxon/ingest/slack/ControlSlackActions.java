package io.klaxon.ingest.slack;

import io.klaxon.control.ControlEvents;
import io.klaxon.control.Silence;
import io.klaxon.events.LabelMatcher;
import io.klaxon.events.MatchOp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Slack's buttons as control events: Ack writes an acknowledgement ({@code via slack}), Silence 1h
 * a silence whose matchers are the alert's labels, each {@code name="value"}. Both go through
 * {@link ControlEvents}, which checks them and waits for Kafka. Thread-safe.
 */
public final class ControlSlackActions implements SlackActions {
  private final ControlEvents events;
  private final Clock clock;

  public ControlSlackActions(ControlEvents events, Clock clock) {
    this.events = Objects.requireNonNull(events, "events");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void acknowledge(String tenantId, String fingerprint, String user) {
    events.ack(tenantId, fingerprint, user, "acknowledged in Slack", "slack");
  }

  @Override
  public String silence(String tenantId, Map<String, String> labels, Duration duration, String user) {
    Instant now = clock.instant();
    List<LabelMatcher> matchers = new TreeMap<>(labels).entrySet().stream()
        .map(e -> new LabelMatcher(e.getKey(), MatchOp.EQ, e.getValue()))
        .toList();
    Silence silence = Silence.newBuilder()
        .setId(ControlEvents.newSilenceId())
        .setTenantId(tenantId)
        .setMatchers(matchers)
        .setStartsAt(now)
        .setEndsAt(now.plus(duration))
        .setCreatedBy(user)
        .setComment("silenced for " + duration.toHours() + "h from Slack")
        .setUpdatedAt(now)
        .build();
    return events.silence(silence).getId();
  }
}
