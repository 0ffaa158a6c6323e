package io.klaxon.cli.history;

import static io.klaxon.cli.history.HistoryRecords.deadLetter;
import static io.klaxon.cli.history.HistoryRecords.outcome;
import static io.klaxon.cli.history.HistoryRecords.receipt;
import static io.klaxon.cli.history.HistoryRecords.request;
import static io.klaxon.cli.history.HistoryRecords.routed;
import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.AlertAcknowledged;
import io.klaxon.events.DeliveryOutcome;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.OutcomeType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertPathsTest {
  private static final Instant T0 = Instant.parse("2026-12-03T06:00:00Z");

  @Test
  void joinsAnOutcomeToItsNotificationsAndTheirAttemptsInAttemptOrder() {
    AlertPaths paths = new AlertPaths()
        .addReceipt(receipt("acme", "n-1", "hook", 2, DeliveryOutcome.DELIVERED, 200, T0.plusSeconds(5)))
        .addOutcome(routed("acme", "e-1", "fp-1", T0, "disk", "n-1", "n-2"))
        .addRequest(request("acme", "n-1", "e-1", "Disk almost full", "fp-1", "hook", T0))
        .addRequest(request("acme", "n-2", "e-1", "Disk almost full", "fp-1", "pager", T0))
        .addReceipt(receipt("acme", "n-1", "hook", 1, DeliveryOutcome.RETRY_SCHEDULED, 503, T0.plusSeconds(1)));

    List<AlertPath> found = paths.paths(null, null);

    assertThat(found).singleElement().satisfies(p -> {
      assertThat(p.eventId()).isEqualTo("e-1");
      assertThat(p.title()).isEqualTo("Disk almost full");
      assertThat(p.fingerprint()).isEqualTo("fp-1");
      assertThat(p.outcome().getDecidedBy()).isEqualTo("disk");
      assertThat(p.notifications()).extracting(NotificationPath::notificationId).containsExactly("n-1", "n-2");
      NotificationPath first = p.notifications().getFirst();
      assertThat(first.targetId()).isEqualTo("hook");
      assertThat(first.attempts()).extracting(r -> r.getStatusCode()).containsExactly(503, 200);
      assertThat(first.ending()).isEqualTo("DELIVERED");
      assertThat(p.notifications().get(1).ending()).isEqualTo("PENDING");
    });
  }

  @Test
  void aNotifierDeadLetterEndsTheNotificationAsDeadLettered() {
    NotificationRequest request = request("acme", "n-1", "e-1", "Disk", "fp-1", "hook", T0);
    AlertPaths paths = new AlertPaths()
        .addOutcome(routed("acme", "e-1", "fp-1", T0, "disk", "n-1"))
        .addReceipt(receipt("acme", "n-1", "hook", 1, DeliveryOutcome.RETRY_SCHEDULED, 503, T0.plusSeconds(1)))
        .addReceipt(receipt("acme", "n-1", "hook", 2, DeliveryOutcome.DEAD_LETTERED, 503, T0.plusSeconds(3)))
        .addDeadLetter(deadLetter(request, 2, T0.plusSeconds(3)));

    NotificationPath n = paths.paths(null, null).getFirst().notifications().getFirst();

    assertThat(n.ending()).isEqualTo("DEAD_LETTERED");
    assertThat(n.deadLetter().getAttempts()).isEqualTo(2);
    // The dead letter carries the request, so the target is known without the requests topic.
    assertThat(n.targetId()).isEqualTo("hook");
  }

  @Test
  void filtersByFingerprintAndEventAndSortsOldestFirst() {
    AlertPaths paths = new AlertPaths()
        .addOutcome(routed("acme", "e-2", "fp-2", T0.plusSeconds(60), "disk"))
        .addOutcome(outcome("acme", "e-1", OutcomeType.SILENCED, "SILENCE", "fp-1", "silence-42", T0, List.of()))
        .addOutcome(outcome("acme", "e-3", OutcomeType.DEAD_LETTERED, "INVALID_FIELD", "severity: unknown", null,
            T0.plusSeconds(30), List.of()));

    assertThat(paths.paths(null, null)).extracting(AlertPath::eventId).containsExactly("e-1", "e-3", "e-2");
    assertThat(paths.paths("fp-1", null)).singleElement()
        .satisfies(p -> assertThat(p.outcome().getDecidedBy()).isEqualTo("silence-42"));
    // A dead letter's detail is not a fingerprint.
    assertThat(paths.paths("severity: unknown", null)).isEmpty();
    assertThat(paths.paths(null, "e-2")).extracting(AlertPath::fingerprint).containsExactly("fp-2");
  }

  @Test
  void requestsWithoutAReadOutcomeBecomeOnePathPerEvent() {
    AlertPaths paths = new AlertPaths()
        .addRequest(request("acme", "n-1", "e-9", "Disk", "fp-9", "hook", T0))
        .addRequest(request("acme", "n-2", "e-9", "Disk", "fp-9", "pager", T0));

    assertThat(paths.paths(null, null)).singleElement().satisfies(p -> {
      assertThat(p.outcome()).isNull();
      assertThat(p.eventId()).isEqualTo("e-9");
      assertThat(p.notifications()).extracting(NotificationPath::targetId).containsExactly("hook", "pager");
    });
  }

  @Test
  void anAcknowledgementSentToPagerDutyIsAPathOfItsOwnNotAnAlertWithoutOutcome() {
    AlertAcknowledged ack = new AlertAcknowledged("jane", T0.plusSeconds(60), "on it");
    NotificationRequest told = NotificationRequest.newBuilder(request("acme", "n-ack", "unused", "Disk", "fp-9", "pager", T0))
        .setAlert(null).setAcknowledged(ack).setRoutedAt(T0.plusSeconds(61)).build();
    AlertPaths paths = new AlertPaths()
        .addOutcome(routed("acme", "e-9", "fp-9", T0, "disk", "n-1"))
        .addRequest(request("acme", "n-1", "e-9", "Disk", "fp-9", "pager", T0))
        .addRequest(told)
        .addReceipt(receipt("acme", "n-ack", "pager", 1, DeliveryOutcome.DELIVERED, 202, T0.plusSeconds(62)));

    List<AlertPath> found = paths.paths("fp-9", null);

    assertThat(found).hasSize(2);
    assertThat(found.getFirst().eventId()).isEqualTo("e-9");
    assertThat(found.getFirst().acknowledgement()).isNull();
    AlertPath acknowledged = found.get(1);
    assertThat(acknowledged.acknowledgement()).isEqualTo(ack);
    assertThat(acknowledged.receivedAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(acknowledged.notifications()).singleElement().satisfies(n -> {
      assertThat(n.notificationId()).isEqualTo("n-ack");
      assertThat(n.ending()).isEqualTo("DELIVERED");
    });
    assertThat(AlertPathFormat.text(acknowledged)).contains("acknowledged  by jane  \"on it\"  fingerprint fp-9",
        "told to the tenant's PagerDuty targets", "notification n-ack").doesNotContain("outcome not read");
    assertThat(AlertPathFormat.json(acknowledged)).contains("\"acknowledgement\":{\"by\":\"jane\"");
  }

  @Test
  void textShowsEveryStepAndJsonIsOneObjectPerAlert() {
    AlertPaths paths = new AlertPaths()
        .addOutcome(routed("acme", "e-1", "fp-1", T0, "disk", "n-1"))
        .addRequest(request("acme", "n-1", "e-1", "Disk almost full", "fp-1", "hook", T0))
        .addReceipt(receipt("acme", "n-1", "hook", 1, DeliveryOutcome.FAILED_PERMANENT, 410, T0.plusSeconds(1)));
    AlertPath p = paths.paths(null, null).getFirst();

    assertThat(AlertPathFormat.text(p)).contains("event e-1", "\"Disk almost full\"", "ROUTED", "decided by disk",
        "target hook (WEBHOOK)", "attempt 1  FAILED_PERMANENT  status 410", "= FAILED_PERMANENT");
    assertThat(AlertPathFormat.json(p)).doesNotContain("\n")
        .contains("\"eventId\":\"e-1\"", "\"ending\":\"FAILED_PERMANENT\"", "\"statusCode\":410");
  }

  @Test
  void aGroupedAlertsPathShowsTheGroupFlushesThatListIt() {
    io.klaxon.events.Outcome joined = io.klaxon.events.Outcome.newBuilder(routed("acme", "e-1", "fp-1", T0, "pages"))
        .setGroupKeys(List.of("g-1")).build();
    NotificationRequest first = request("acme", "n-g1", "e-1", "Disk almost full", "group:g-1", "slack", T0.plusSeconds(30));
    NotificationRequest listing = NotificationRequest.newBuilder(first)
        .setType(io.klaxon.events.NotificationType.GROUP)
        .setGroup(io.klaxon.events.AlertGroup.newBuilder().setGroupKey("g-1").setSequence(1).setFiring(1).setResolved(0)
            .setAlerts(List.of(new io.klaxon.events.GroupedAlert("fp-1", first.getAlert(), true)))
            .setMostSevere(io.klaxon.events.Severity.CRITICAL).setStartedAt(T0).build())
        .build();
    NotificationRequest otherGroup = NotificationRequest.newBuilder(listing).setNotificationId("n-g2")
        .setGroup(io.klaxon.events.AlertGroup.newBuilder(listing.getGroup()).setGroupKey("g-2").build()).build();

    List<AlertPath> found = new AlertPaths().addOutcome(joined).addRequest(listing).addRequest(otherGroup)
        .addReceipt(receipt("acme", "n-g1", "slack", 1, DeliveryOutcome.DELIVERED, 200, T0.plusSeconds(31)))
        .paths(null, "e-1");

    AlertPath withOutcome = found.stream().filter(p -> p.outcome() != null).findFirst().orElseThrow();
    assertThat(withOutcome.notifications()).extracting(NotificationPath::notificationId)
        .as("only the flushes of the groups the outcome names").containsExactly("n-g1");
    assertThat(withOutcome.notifications().getFirst().ending()).isEqualTo("DELIVERED");
    assertThat(found).filteredOn(p -> p.outcome() == null).singleElement()
        .satisfies(p -> assertThat(p.notifications()).extracting(NotificationPath::notificationId).containsExactly("n-g2"));
  }
}
