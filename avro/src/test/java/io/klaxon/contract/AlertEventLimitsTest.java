package io.klaxon.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertKind;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.Link;
import io.klaxon.events.Severity;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertEventLimitsTest {
  private static AlertEvent.Builder valid() {
    return AlertEvent.newBuilder().setEventId("0b7a4c1e-3d2f-4a5b-8c6d-7e8f9a0b1c2d").setTenantId("acme")
        .setKind(AlertKind.ALERT).setStatus(AlertStatus.FIRING).setSeverity(Severity.HIGH).setSource("checkout")
        .setTitle("Payments down").setMessage("").setLabels(Map.of("env", "prod")).setOccurredAt(Instant.EPOCH)
        .setLinks(List.of(Link.newBuilder().setUrl("https://runbooks.example/pay").build()));
  }

  @Test
  void aValidEventBreaksNoLimit() {
    assertThat(AlertEventLimits.check(valid().build())).isEmpty();
  }

  @Test
  void namesEveryBrokenLimit() {
    Map<String, String> labels = new HashMap<>();
    for (int i = 0; i < 33; i++) {
      labels.put("l" + i, "v");
    }
    labels.put("bad-name", "v");
    AlertEvent event = valid().setTenantId("A").setEventId("not-a-uuid").setTitle("t".repeat(257)).setSource(" ")
        .setLabels(labels).setLocale("not a tag!")
        .setLinks(List.of(Link.newBuilder().setUrl("ftp://x.example/").build())).build();

    assertThat(AlertEventLimits.check(event)).extracting(FieldProblem::field)
        .containsExactlyInAnyOrder("tenantId", "eventId", "source", "title", "labels", "labels.bad-name",
            "links[0].url", "locale");
  }
}
