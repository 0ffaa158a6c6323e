package io.klaxon.bench.chaos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Proves, from what the topics and the receivers hold, that nothing was lost or doubled: every
 * input record has exactly one outcome; every routed outcome exactly one notification request per
 * target it names; every dead-lettered one exactly one dead letter; every notification request at
 * least one delivery at the receiver (or a dead letter of the notifier, with its cause), with
 * repeats only under the same notification id; no delivery of a notification that was never
 * requested. It never asks the pipeline: {@link ChaosTopics} reads the topics with consumers of its
 * own ({@code read_committed}), and the receivers count what arrived. Pure: the same facts always
 * give the same verdict.
 */
public final class Verifier {
  /** Notification types that no outcome names (the rate limiter's summaries). */
  static final String SUMMARY = "SUPPRESSION_SUMMARY";
  private static final int MAX_LISTED = 50;
  /** How many distinct retry reasons the counts name; the rest are summed as "other". */
  private static final int RETRY_REASONS_LISTED = 5;

  private Verifier() {}

  /** A record of the alerts topic. */
  public record Input(int partition, long offset) {}

  /**
   * A record of the alerts topic that its producer marked as poison, with the dead-letter reason
   * its kind must get.
   */
  public record Poison(int partition, long offset, String kind, String expectedReason) {}

  /** An outcome record: the input it accounts for, what happened, and the notifications it names. */
  public record AuditedOutcome(int partition, long offset, String outcome, String reason, List<String> notificationIds) {}

  /** A notification request on the notifications topic. */
  public record Notification(String notificationId, String type) {}

  /** A dead letter on the alerts DLQ, by the input it came from. */
  public record DeadLetterRef(int partition, long offset, String reason) {}

  /** A delivery receipt: its outcome, and the reason the notifier gave (null when none). */
  public record Receipt(String notificationId, String outcome, String reason) {
    public Receipt(String notificationId, String outcome) {
      this(notificationId, outcome, null);
    }
  }

  /** A notification the notifier gave up on (notifications DLQ). */
  public record FailedRef(String notificationId, String cause) {}

  /**
   * Everything the verifier reads.
   *
   * @param acknowledged inputs the broker acknowledged to the producers
   * @param poison the inputs marked as poison (a subset of {@code inputs})
   * @param arrivals deliveries that reached the receivers, by notification id ({@code webhook-id})
   */
  public record Facts(long acknowledged, List<Input> inputs, List<Poison> poison, List<AuditedOutcome> outcomes,
      List<Notification> notifications, List<DeadLetterRef> alertDeadLetters, List<Receipt> receipts,
      List<FailedRef> failedNotifications, Map<String, Integer> arrivals) {}

  /**
   * What the verifier found.
   *
   * @param counts figures for the report, in a stable order
   * @param violations every violation found, each naming its record (the first {@value #MAX_LISTED}
   *     of each kind, then how many more)
   */
  public record Verdict(Map<String, Long> counts, List<String> violations) {
    public boolean passed() {
      return violations.isEmpty();
    }

    /** This verdict with one more violation of {@code kind}, found outside the topics. */
    public Verdict with(String kind, String violation) {
      List<String> all = new ArrayList<>(violations);
      all.add(kind + ": " + violation);
      Map<String, Long> updated = new LinkedHashMap<>(counts);
      updated.merge("violations", 1L, Long::sum);
      return new Verdict(updated, List.copyOf(all));
    }
  }

  public static Verdict verify(Facts facts) {
    Map<String, Long> counts = new LinkedHashMap<>();
    Violations violations = new Violations();

    counts.put("inputs acknowledged", facts.acknowledged());
    counts.put("inputs on the alerts topic", (long) facts.inputs().size());
    if (facts.inputs().size() < facts.acknowledged()) {
      violations.add("acknowledged-missing", "the alerts topic holds " + facts.inputs().size() + " records but "
          + facts.acknowledged() + " were acknowledged");
    }

    // 1. Every input exactly one outcome.
    Map<Input, List<AuditedOutcome>> byInput = new HashMap<>();
    for (AuditedOutcome outcome : facts.outcomes()) {
      byInput.computeIfAbsent(new Input(outcome.partition(), outcome.offset()), k -> new ArrayList<>()).add(outcome);
    }
    Set<Input> inputs = new HashSet<>(facts.inputs());
    long lost = 0;
    for (Input input : facts.inputs()) {
      List<AuditedOutcome> found = byInput.get(input);
      if (found == null) {
        lost++;
        violations.add("no-outcome", "input " + input.partition() + "@" + input.offset() + " has no outcome");
      } else if (found.size() > 1) {
        violations.add("several-outcomes", "input " + input.partition() + "@" + input.offset() + " has "
            + found.size() + " outcomes: " + found.stream().map(AuditedOutcome::outcome).toList());
      }
    }
    for (Input audited : byInput.keySet()) {
      if (!inputs.contains(audited)) {
        violations.add("stray-outcome", "an outcome names input " + audited.partition() + "@" + audited.offset()
            + ", which is not on the alerts topic");
      }
    }
    counts.put("outcomes", (long) facts.outcomes().size());
    counts.put("inputs without an outcome", lost);
    Map<String, Long> byType = new LinkedHashMap<>();
    for (AuditedOutcome outcome : facts.outcomes()) {
      byType.merge(outcome.outcome(), 1L, Long::sum);
    }
    for (String type : List.of("ROUTED", "DEDUPLICATED", "RATE_LIMITED", "DEAD_LETTERED", "REKEYED", "SILENCED", "ACKNOWLEDGED")) {
      counts.put("outcome " + type.toLowerCase(java.util.Locale.ROOT), byType.getOrDefault(type, 0L));
    }

    // 2. Every routed outcome: exactly one request per named notification; no alert request unnamed.
    Map<String, Integer> requests = new HashMap<>();
    Map<String, String> requestType = new HashMap<>();
    for (Notification notification : facts.notifications()) {
      requests.merge(notification.notificationId(), 1, Integer::sum);
      requestType.put(notification.notificationId(), notification.type());
    }
    Set<String> named = new HashSet<>();
    long expectedRequests = 0;
    for (AuditedOutcome outcome : facts.outcomes()) {
      if (!outcome.outcome().equals("ROUTED")) {
        continue;
      }
      for (String id : outcome.notificationIds()) {
        expectedRequests++;
        if (!named.add(id)) {
          violations.add("notification-named-twice", "notification " + id + " is named by two routed outcomes");
        }
        int found = requests.getOrDefault(id, 0);
        if (found == 0) {
          violations.add("missing-request", "input " + outcome.partition() + "@" + outcome.offset()
              + " was routed to notification " + id + ", which is not on the notifications topic");
        } else if (found > 1) {
          violations.add("duplicate-request", "notification " + id + " was requested " + found + " times");
        }
      }
    }
    for (Map.Entry<String, Integer> request : requests.entrySet()) {
      if (!named.contains(request.getKey()) && !SUMMARY.equals(requestType.get(request.getKey()))) {
        violations.add("stray-request", "notification " + request.getKey() + " is on the notifications topic but no"
            + " routed outcome names it");
      }
    }
    counts.put("notification requests", (long) facts.notifications().size());
    counts.put("notification requests named by outcomes", expectedRequests);
    counts.put("suppression summaries", requestType.values().stream().filter(SUMMARY::equals).count());

    // 3. Every dead-lettered outcome: exactly one dead letter, and no dead letter without one.
    Map<Input, Integer> letters = new HashMap<>();
    for (DeadLetterRef letter : facts.alertDeadLetters()) {
      letters.merge(new Input(letter.partition(), letter.offset()), 1, Integer::sum);
    }
    Set<Input> deadLettered = new HashSet<>();
    for (AuditedOutcome outcome : facts.outcomes()) {
      if (outcome.outcome().equals("DEAD_LETTERED")) {
        Input input = new Input(outcome.partition(), outcome.offset());
        deadLettered.add(input);
        int found = letters.getOrDefault(input, 0);
        if (found != 1) {
          violations.add("dead-letter-count", "input " + input.partition() + "@" + input.offset() + " was dead-lettered ("
              + outcome.reason() + ") but the alerts DLQ holds " + found + " letters of it");
        }
      }
    }
    for (Input letter : letters.keySet()) {
      if (!deadLettered.contains(letter)) {
        violations.add("stray-dead-letter", "the alerts DLQ holds a letter of input " + letter.partition() + "@"
            + letter.offset() + ", whose outcome is not DEAD_LETTERED");
      }
    }
    counts.put("alert dead letters", (long) facts.alertDeadLetters().size());

    // 3b. Every poison input dead-lettered, with the reason its kind must get.
    long poisonAsExpected = 0;
    for (Poison poison : facts.poison()) {
      List<AuditedOutcome> found = byInput.getOrDefault(new Input(poison.partition(), poison.offset()), List.of());
      if (found.size() == 1 && found.getFirst().outcome().equals("DEAD_LETTERED")
          && poison.expectedReason().equals(found.getFirst().reason())) {
        poisonAsExpected++;
      } else if (!found.isEmpty()) {
        violations.add("poison-reason", "poison input " + poison.partition() + "@" + poison.offset() + " ("
            + poison.kind() + ") should be DEAD_LETTERED " + poison.expectedReason() + " but is "
            + found.stream().map(o -> o.outcome() + (o.reason() == null ? "" : " " + o.reason())).toList());
      }
    }
    Set<Input> marked = new HashSet<>();
    for (Poison poison : facts.poison()) {
      marked.add(new Input(poison.partition(), poison.offset()));
    }
    long unexpected = 0;
    for (AuditedOutcome outcome : facts.outcomes()) {
      Input input = new Input(outcome.partition(), outcome.offset());
      if (outcome.outcome().equals("DEAD_LETTERED") && !marked.contains(input)) {
        unexpected++;
        violations.add("valid-dead-lettered", "input " + input.partition() + "@" + input.offset()
            + " was sent as a valid event but dead-lettered (" + outcome.reason() + ")");
      }
    }
    counts.put("poison inputs", (long) facts.poison().size());
    counts.put("valid inputs dead-lettered", unexpected);
    counts.put("poison dead-lettered with the expected reason", poisonAsExpected);

    // 4. Every request delivered at least once, or given up on with a cause; nothing else delivered.
    Set<String> failed = new HashSet<>();
    facts.failedNotifications().forEach(f -> failed.add(f.notificationId()));
    Map<String, Integer> deliveredReceipts = new HashMap<>();
    Map<String, Integer> retryReceipts = new HashMap<>();
    Map<String, Long> retryReasons = new HashMap<>();
    Set<String> receipted = new HashSet<>();
    for (Receipt receipt : facts.receipts()) {
      receipted.add(receipt.notificationId());
      if (receipt.outcome().equals("DELIVERED")) {
        deliveredReceipts.merge(receipt.notificationId(), 1, Integer::sum);
      } else if (receipt.outcome().equals("RETRY_SCHEDULED")) {
        retryReceipts.merge(receipt.notificationId(), 1, Integer::sum);
        retryReasons.merge(receipt.reason() == null ? "(none given)" : receipt.reason(), 1L, Long::sum);
      }
    }
    Set<String> receiptDelivered = deliveredReceipts.keySet();
    long delivered = 0;
    long undelivered = 0;
    long duplicateDeliveries = 0;
    // Where each repeat came from, so a report can say why a receiver got a notification twice.
    long repeatsAfterRetry = 0;
    long repeatsDeliveredAgain = 0;
    for (String id : requests.keySet()) {
      int arrived = facts.arrivals().getOrDefault(id, 0);
      if (arrived > 0) {
        delivered++;
        int repeats = arrived - 1;
        duplicateDeliveries += repeats;
        // An attempt the notifier counted as failed (a timeout, a broken connection) that the
        // receiver had taken: one repeat per retry at most.
        int afterRetry = Math.min(repeats, retryReceipts.getOrDefault(id, 0));
        repeatsAfterRetry += afterRetry;
        // The notifier delivered it more than once, each time with a receipt: it read the request
        // again (after a rebalance or a restart, before its offset was committed).
        repeatsDeliveredAgain += Math.min(repeats - afterRetry, Math.max(0, deliveredReceipts.getOrDefault(id, 0) - 1));
        if (!receiptDelivered.contains(id)) {
          violations.add("delivery-without-receipt", "notification " + id + " arrived " + arrived
              + " times but has no DELIVERED receipt");
        }
      } else if (!failed.contains(id)) {
        undelivered++;
        violations.add("undelivered", "notification " + id + " never arrived and was not dead-lettered"
            + (receipted.contains(id) ? "" : " (no receipt at all)"));
      }
    }
    for (String id : receiptDelivered) {
      if (facts.arrivals().getOrDefault(id, 0) == 0) {
        violations.add("receipt-without-delivery", "notification " + id + " has a DELIVERED receipt but never arrived");
      }
    }
    for (Map.Entry<String, Integer> arrival : facts.arrivals().entrySet()) {
      if (!requests.containsKey(arrival.getKey())) {
        violations.add("stray-delivery", "a delivery with id " + arrival.getKey() + " arrived " + arrival.getValue()
            + " times, but no such notification was requested");
      }
    }
    counts.put("notifications delivered", delivered);
    counts.put("notifications dead-lettered by the notifier", (long) failed.size());
    counts.put("notifications neither delivered nor dead-lettered", undelivered);
    counts.put("repeated deliveries (same notification id)", duplicateDeliveries);
    counts.put("repeats after a retry the notifier scheduled", repeatsAfterRetry);
    counts.put("repeats the notifier delivered again (read twice)", repeatsDeliveredAgain);
    counts.put("repeats without a retry or a second receipt", duplicateDeliveries - repeatsAfterRetry - repeatsDeliveredAgain);
    counts.put("retries scheduled", retryReasons.values().stream().mapToLong(Long::longValue).sum());
    putRetryReasons(counts, retryReasons);
    counts.put("delivery receipts", (long) facts.receipts().size());
    counts.put("violations", violations.total());
    return new Verdict(counts, violations.list());
  }

  /** The {@value #RETRY_REASONS_LISTED} most frequent retry reasons, most frequent first, and the rest as "other". */
  private static void putRetryReasons(Map<String, Long> counts, Map<String, Long> retryReasons) {
    List<Map.Entry<String, Long>> reasons = new ArrayList<>(retryReasons.entrySet());
    reasons.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    reasons.stream().limit(RETRY_REASONS_LISTED).forEach(r -> counts.put("retry reason: " + r.getKey(), r.getValue()));
    long other = reasons.stream().skip(RETRY_REASONS_LISTED).mapToLong(Map.Entry::getValue).sum();
    if (other > 0) {
      counts.put("retry reason: other", other);
    }
  }

  /** Violations, the first {@value #MAX_LISTED} of each kind listed and the rest counted. */
  private static final class Violations {
    private final Map<String, Integer> perKind = new LinkedHashMap<>();
    private final List<String> listed = new ArrayList<>();

    void add(String kind, String text) {
      int count = perKind.merge(kind, 1, Integer::sum);
      if (count <= MAX_LISTED) {
        listed.add(kind + ": " + text);
      }
    }

    long total() {
      return perKind.values().stream().mapToLong(Integer::longValue).sum();
    }

    List<String> list() {
      List<String> out = new ArrayList<>(listed);
      perKind.forEach((kind, count) -> {
        if (count > MAX_LISTED) {
          out.add(kind + ": " + (count - MAX_LISTED) + " more");
        }
      });
      return out;
    }
  }
}
