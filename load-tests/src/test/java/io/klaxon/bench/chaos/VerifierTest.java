package io.klaxon.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.bench.chaos.Verifier.AuditedOutcome;
import io.klaxon.bench.chaos.Verifier.DeadLetterRef;
import io.klaxon.bench.chaos.Verifier.Facts;
import io.klaxon.bench.chaos.Verifier.FailedRef;
import io.klaxon.bench.chaos.Verifier.Input;
import io.klaxon.bench.chaos.Verifier.Notification;
import io.klaxon.bench.chaos.Verifier.Poison;
import io.klaxon.bench.chaos.Verifier.Receipt;
import io.klaxon.bench.chaos.Verifier.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The verifier's logic on hand-made records: a clean run passes, and each kind of loss or doubling is named. */
class VerifierTest {
  /** Inputs 0..4 of partition 0: routed to two targets, deduplicated, rate-limited, dead-lettered, routed to none. */
  private final List<Input> inputs = new ArrayList<>(List.of(new Input(0, 0), new Input(0, 1), new Input(0, 2),
      new Input(0, 3), new Input(0, 4)));
  /** Input 3 was sent as poison (bad magic byte). */
  private final List<Poison> poison = new ArrayList<>(List.of(new Poison(0, 3, "POISON_BAD_MAGIC", "UNDECODABLE")));
  private final List<AuditedOutcome> outcomes = new ArrayList<>(List.of(
      new AuditedOutcome(0, 0, "ROUTED", null, List.of("n-a", "n-b")),
      new AuditedOutcome(0, 1, "DEDUPLICATED", null, List.of()),
      new AuditedOutcome(0, 2, "RATE_LIMITED", null, List.of()),
      new AuditedOutcome(0, 3, "DEAD_LETTERED", "UNDECODABLE", List.of()),
      new AuditedOutcome(0, 4, "ROUTED", null, List.of())));
  private final List<Notification> notifications = new ArrayList<>(List.of(new Notification("n-a", "ALERT"),
      new Notification("n-b", "ALERT"), new Notification("s-1", Verifier.SUMMARY)));
  private final List<DeadLetterRef> letters = new ArrayList<>(List.of(new DeadLetterRef(0, 3, "UNDECODABLE")));
  private final List<Receipt> receipts = new ArrayList<>(List.of(new Receipt("n-a", "DELIVERED"),
      new Receipt("n-b", "RETRY_SCHEDULED"), new Receipt("n-b", "DELIVERED"), new Receipt("s-1", "DELIVERED")));
  private final List<FailedRef> failed = new ArrayList<>();
  private final Map<String, Integer> arrivals = new HashMap<>(Map.of("n-a", 1, "n-b", 1, "s-1", 1));

  private Verdict verify() {
    return Verifier.verify(new Facts(5, inputs, poison, outcomes, notifications, letters, receipts, failed, arrivals));
  }

  @Test
  void aCleanRunPassesWithItsCounts() {
    Verdict verdict = verify();
    assertThat(verdict.violations()).isEmpty();
    assertThat(verdict.passed()).isTrue();
    assertThat(verdict.counts()).containsEntry("inputs on the alerts topic", 5L).containsEntry("outcome routed", 2L)
        .containsEntry("outcome dead_lettered", 1L).containsEntry("notification requests named by outcomes", 2L)
        .containsEntry("suppression summaries", 1L).containsEntry("notifications delivered", 3L)
        .containsEntry("poison dead-lettered with the expected reason", 1L).containsEntry("violations", 0L);
  }

  @Test
  void poisonDeadLetteredForAnotherReasonOrNotAtAllIsNamed() {
    outcomes.set(3, new AuditedOutcome(0, 3, "DEAD_LETTERED", "PROCESSING_ERROR", List.of()));
    letters.set(0, new DeadLetterRef(0, 3, "PROCESSING_ERROR"));
    poison.add(new Poison(0, 2, "POISON_UNKNOWN_TENANT", "UNKNOWN_TENANT"));
    assertThat(verify().violations()).containsExactlyInAnyOrder(
        "poison-reason: poison input 0@3 (POISON_BAD_MAGIC) should be DEAD_LETTERED UNDECODABLE but is"
            + " [DEAD_LETTERED PROCESSING_ERROR]",
        "poison-reason: poison input 0@2 (POISON_UNKNOWN_TENANT) should be DEAD_LETTERED UNKNOWN_TENANT but is"
            + " [RATE_LIMITED]");
    assertThat(verify().counts()).containsEntry("poison dead-lettered with the expected reason", 0L);
  }

  @Test
  void aValidInputDeadLetteredIsNamed() {
    poison.clear();
    assertThat(verify().violations()).containsExactly(
        "valid-dead-lettered: input 0@3 was sent as a valid event but dead-lettered (UNDECODABLE)");
    assertThat(verify().counts()).containsEntry("valid inputs dead-lettered", 1L);
  }

  @Test
  void anInputWithoutAnOutcomeIsLost() {
    outcomes.remove(1);
    assertThat(verify().violations()).containsExactly("no-outcome: input 0@1 has no outcome");
    assertThat(verify().counts()).containsEntry("inputs without an outcome", 1L);
  }

  @Test
  void anInputWithTwoOutcomesIsDoubled() {
    outcomes.add(new AuditedOutcome(0, 2, "ROUTED", null, List.of()));
    assertThat(verify().violations()).singleElement().asString().startsWith("several-outcomes: input 0@2 has 2");
  }

  @Test
  void fewerRecordsThanAcknowledgedIsALoss() {
    Verdict verdict = Verifier.verify(new Facts(6, inputs, poison, outcomes, notifications, letters, receipts, failed, arrivals));
    assertThat(verdict.violations()).containsExactly("acknowledged-missing: the alerts topic holds 5 records but 6 were"
        + " acknowledged");
  }

  @Test
  void aRoutedOutcomeWhoseRequestIsMissingOrDoubledIsNamed() {
    notifications.remove(1);
    notifications.add(new Notification("n-a", "ALERT"));
    arrivals.remove("n-b");
    receipts.removeIf(r -> r.notificationId().equals("n-b"));
    assertThat(verify().violations()).containsExactlyInAnyOrder(
        "missing-request: input 0@0 was routed to notification n-b, which is not on the notifications topic",
        "duplicate-request: notification n-a was requested 2 times");
  }

  @Test
  void anAlertRequestNoOutcomeNamesIsStray() {
    notifications.add(new Notification("n-x", "ALERT"));
    arrivals.put("n-x", 1);
    receipts.add(new Receipt("n-x", "DELIVERED"));
    assertThat(verify().violations()).containsExactly(
        "stray-request: notification n-x is on the notifications topic but no routed outcome names it");
  }

  @Test
  void deadLettersMatchDeadLetteredOutcomesOneToOne() {
    letters.add(new DeadLetterRef(0, 3, "UNDECODABLE"));
    letters.add(new DeadLetterRef(0, 2, "INVALID_FIELD"));
    assertThat(verify().violations()).containsExactlyInAnyOrder(
        "dead-letter-count: input 0@3 was dead-lettered (UNDECODABLE) but the alerts DLQ holds 2 letters of it",
        "stray-dead-letter: the alerts DLQ holds a letter of input 0@2, whose outcome is not DEAD_LETTERED");
  }

  @Test
  void aNotificationNeverDeliveredFailsUnlessTheNotifierDeadLetteredIt() {
    arrivals.remove("n-b");
    receipts.removeIf(r -> r.notificationId().equals("n-b") && r.outcome().equals("DELIVERED"));
    assertThat(verify().violations()).containsExactly(
        "undelivered: notification n-b never arrived and was not dead-lettered");

    failed.add(new FailedRef("n-b", "HTTP 503"));
    assertThat(verify().violations()).isEmpty();
    assertThat(verify().counts()).containsEntry("notifications dead-lettered by the notifier", 1L);
  }

  @Test
  void repeatsUnderTheSameIdAreCountedNotViolations() {
    arrivals.put("n-a", 3);
    Verdict verdict = verify();
    assertThat(verdict.violations()).isEmpty();
    assertThat(verdict.counts()).containsEntry("repeated deliveries (same notification id)", 2L);
  }

  @Test
  void eachRepeatIsTracedToARetryASecondReadOrNeither() {
    // n-b: one retry (timed out), then delivered; the receiver got it twice. That repeat is the retry's.
    receipts.set(1, new Receipt("n-b", "RETRY_SCHEDULED", "timed out after 10s"));
    arrivals.put("n-b", 2);
    // n-a: delivered twice by the notifier (two DELIVERED receipts) and received three times.
    receipts.add(new Receipt("n-a", "DELIVERED"));
    arrivals.put("n-a", 3);
    // n-c: requested, delivered once by receipt, received twice: no receipt explains the second.
    outcomes.set(4, new AuditedOutcome(0, 4, "ROUTED", null, List.of("n-c")));
    notifications.add(new Notification("n-c", "ALERT"));
    receipts.add(new Receipt("n-c", "RETRY_SCHEDULED", "HTTP 503"));
    receipts.add(new Receipt("n-c", "RETRY_SCHEDULED", "timed out after 10s"));
    receipts.add(new Receipt("n-c", "DELIVERED"));
    arrivals.put("n-c", 4);

    Verdict verdict = verify();

    assertThat(verdict.violations()).isEmpty();
    assertThat(verdict.counts()).containsEntry("repeated deliveries (same notification id)", 6L)
        .containsEntry("repeats after a retry the notifier scheduled", 3L)
        .containsEntry("repeats the notifier delivered again (read twice)", 1L)
        .containsEntry("repeats without a retry or a second receipt", 2L)
        .containsEntry("retries scheduled", 3L)
        .containsEntry("retry reason: timed out after 10s", 2L)
        .containsEntry("retry reason: HTTP 503", 1L);
  }

  @Test
  void retryReasonsBeyondTheFirstFiveAreSummedAsOther() {
    for (int i = 1; i <= 7; i++) {
      for (int n = 0; n < i; n++) {
        receipts.add(new Receipt("n-a", "RETRY_SCHEDULED", "HTTP 50" + i));
      }
    }
    Verdict verdict = verify();
    // n-b's retry gave no reason; with 1 + 2 + ... + 7 = 28 given ones, 29 in all.
    assertThat(verdict.counts()).containsEntry("retries scheduled", 29L).containsEntry("retry reason: HTTP 507", 7L)
        .containsEntry("retry reason: HTTP 503", 3L).doesNotContainKey("retry reason: HTTP 502")
        .containsEntry("retry reason: other", 1L + 2L + 1L);
  }

  @Test
  void aDeliveryOfNothingRequestedAndReceiptsThatDisagreeWithTheReceiverAreNamed() {
    arrivals.put("forged", 1);
    arrivals.remove("s-1");
    failed.add(new FailedRef("s-1", "budget spent"));
    receipts.removeIf(r -> r.notificationId().equals("n-a"));
    assertThat(verify().violations()).containsExactlyInAnyOrder(
        "delivery-without-receipt: notification n-a arrived 1 times but has no DELIVERED receipt",
        "receipt-without-delivery: notification s-1 has a DELIVERED receipt but never arrived",
        "stray-delivery: a delivery with id forged arrived 1 times, but no such notification was requested");
  }
}
