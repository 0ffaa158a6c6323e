package io.klaxon.sinks.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.klaxon.sinks.inbox.IncidentState;
import io.klaxon.sinks.inbox.TenantAttribution;
import io.klaxon.sinks.pagerduty.Incidents.Applied;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentsTest {
  private static final String KEY = EventValidatorTest.KEY;
  private static final String OTHER_KEY = "0THERKEY0123456789abcdefABCDEF99";

  private static PagerDutyEvent event(String routingKey, EventAction action, String dedupKey) {
    return new PagerDutyEvent(routingKey, action, dedupKey, action == EventAction.TRIGGER ? "Disk full" : null,
        action == EventAction.TRIGGER ? "critical" : null, action == EventAction.TRIGGER ? "db-1" : null,
        JsonNodeFactory.instance.objectNode());
  }

  private static Applied apply(Incidents incidents, EventAction action, String dedupKey) {
    return incidents.apply(event(KEY, action, dedupKey), dedupKey, "umbrella");
  }

  @Test
  void triggerAcknowledgeResolve() {
    Incidents incidents = new Incidents(10);

    Applied opened = apply(incidents, EventAction.TRIGGER, "fp");
    assertThat(opened.changed()).isTrue();
    assertThat(opened.incident().number()).isEqualTo(1);
    assertThat(opened.incident().state()).isEqualTo(IncidentState.TRIGGERED);
    assertThat(opened.effect()).isEqualTo("opened incident #1");

    Applied acknowledged = apply(incidents, EventAction.ACKNOWLEDGE, "fp");
    assertThat(acknowledged.changed()).isTrue();
    assertThat(acknowledged.incident().state()).isEqualTo(IncidentState.ACKNOWLEDGED);
    assertThat(incidents.incident(KEY, "fp").orElseThrow().state()).isEqualTo(IncidentState.ACKNOWLEDGED);

    Applied resolved = apply(incidents, EventAction.RESOLVE, "fp");
    assertThat(resolved.changed()).isTrue();
    assertThat(resolved.effect()).isEqualTo("resolved incident #1");
    assertThat(incidents.incident(KEY, "fp").orElseThrow().state()).isEqualTo(IncidentState.RESOLVED);
    assertThat(incidents.incident(KEY, "fp").orElseThrow().events()).isEqualTo(3);
  }

  @Test
  void aTriggerOfAnOpenIncidentKeepsItsStateAndAResolvedOneOpensANewIncident() {
    Incidents incidents = new Incidents(10);
    apply(incidents, EventAction.TRIGGER, "fp");
    apply(incidents, EventAction.ACKNOWLEDGE, "fp");

    Applied again = apply(incidents, EventAction.TRIGGER, "fp");
    assertThat(again.changed()).isFalse();
    assertThat(again.incident().number()).isEqualTo(1);
    assertThat(again.incident().state()).as("still acknowledged").isEqualTo(IncidentState.ACKNOWLEDGED);

    apply(incidents, EventAction.RESOLVE, "fp");
    Applied reopened = apply(incidents, EventAction.TRIGGER, "fp");
    assertThat(reopened.changed()).isTrue();
    assertThat(reopened.incident().number()).isEqualTo(2);
    assertThat(reopened.incident().state()).isEqualTo(IncidentState.TRIGGERED);
  }

  @Test
  void acknowledgeOrResolveWithoutAnOpenIncidentChangesNothing() {
    Incidents incidents = new Incidents(10);

    Applied unknown = apply(incidents, EventAction.ACKNOWLEDGE, "never-triggered");
    assertThat(unknown.incident()).isNull();
    assertThat(unknown.changed()).isFalse();
    assertThat(apply(incidents, EventAction.RESOLVE, "never-triggered").incident()).isNull();
    assertThat(incidents.incident(KEY, "never-triggered")).as("no incident is made up").isEmpty();

    apply(incidents, EventAction.TRIGGER, "fp");
    apply(incidents, EventAction.RESOLVE, "fp");
    Applied late = apply(incidents, EventAction.ACKNOWLEDGE, "fp");
    assertThat(late.changed()).isFalse();
    assertThat(late.incident().state()).as("a resolved incident is not acknowledged").isEqualTo(IncidentState.RESOLVED);
    assertThat(apply(incidents, EventAction.RESOLVE, "fp").changed()).isFalse();

    apply(incidents, EventAction.TRIGGER, "acked");
    apply(incidents, EventAction.ACKNOWLEDGE, "acked");
    assertThat(apply(incidents, EventAction.ACKNOWLEDGE, "acked").changed()).isFalse();
  }

  @Test
  void incidentsOfDifferentRoutingKeysAreApart() {
    Incidents incidents = new Incidents(10);
    apply(incidents, EventAction.TRIGGER, "fp");
    incidents.apply(event(OTHER_KEY, EventAction.TRIGGER, "fp"), "fp", "acme");
    incidents.apply(event(OTHER_KEY, EventAction.RESOLVE, "fp"), "fp", TenantAttribution.UNKNOWN);

    assertThat(incidents.incident(KEY, "fp").orElseThrow().state()).isEqualTo(IncidentState.TRIGGERED);
    assertThat(incidents.incident(OTHER_KEY, "fp").orElseThrow().state()).isEqualTo(IncidentState.RESOLVED);
    assertThat(incidents.knownTenant(OTHER_KEY, "fp")).isEqualTo("acme");
    assertThat(incidents.knownTenant(OTHER_KEY, "not-seen")).as("the routing key's last tenant").isEqualTo("acme");
    assertThat(incidents.knownTenant("NOPE", "fp")).isNull();
  }

  @Test
  void keepsAtMostItsCapacityAndTheLastCapturesOfEach() {
    Incidents incidents = new Incidents(3);
    for (int i = 0; i < 5; i++) {
      apply(incidents, EventAction.TRIGGER, "fp-" + i);
    }
    assertThat(incidents.size()).isEqualTo(3);
    assertThat(incidents.incident(KEY, "fp-0")).as("the oldest is forgotten").isEmpty();
    assertThat(incidents.incident(KEY, "fp-4")).isPresent();

    long number = incidents.incident(KEY, "fp-4").orElseThrow().number();
    for (long id = 1; id <= Incidents.CAPTURES_PER_INCIDENT + 5; id++) {
      incidents.addCapture(KEY, "fp-4", number, id);
    }
    List<Long> kept = incidents.incident(KEY, "fp-4").orElseThrow().captureIds();
    assertThat(kept).hasSize(Incidents.CAPTURES_PER_INCIDENT).startsWith(6L).endsWith(Incidents.CAPTURES_PER_INCIDENT + 5L);
    assertThat(incidents.addCapture(KEY, "fp-4", number + 100, 999)).as("another incident's number").isEmpty();
  }
}
