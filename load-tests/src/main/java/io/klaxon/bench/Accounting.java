package io.klaxon.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The end-of-run check that nothing was lost or counted twice: every alert the broker acknowledged
 * ended in exactly one of routed, deduplicated, rate-limited or dead-lettered (re-keyed records are
 * counted again on their second pass, so they are left out); exactly the poison records were
 * dead-lettered; the dead-letter topic holds one record per dead-lettered alert; no send failed;
 * no webhook arrived with a bad signature.
 *
 * @param sent records handed to the producer
 * @param acked records the broker acknowledged
 * @param failedSends records the producer could not send
 * @param poisonSent records built to be dead-lettered
 * @param outcomes the Streams app's outcome counters
 * @param processed routed + deduplicated + rate_limited + silenced + acknowledged + dead_lettered
 * @param deadLetterRecords records read from the dead-letter topic
 * @param badSignatures webhook deliveries whose signature did not verify
 * @param problems what does not add up (empty when the check passed)
 */
public record Accounting(
    long sent,
    long acked,
    long failedSends,
    long poisonSent,
    Map<String, Long> outcomes,
    long processed,
    long deadLetterRecords,
    long badSignatures,
    List<String> problems) {

  public boolean passed() {
    return problems.isEmpty();
  }

  public static Accounting check(long sent, long acked, long failed, long poison, Map<String, Double> outcomeCounters,
      long deadLetterRecords, long badSignatures) {
    Map<String, Long> outcomes = new java.util.TreeMap<>();
    outcomeCounters.forEach((k, v) -> outcomes.put(k, Math.round(v)));
    long deadLettered = outcomes.getOrDefault("dead_lettered", 0L);
    long processed = outcomes.getOrDefault("routed", 0L) + outcomes.getOrDefault("deduplicated", 0L)
        + outcomes.getOrDefault("rate_limited", 0L) + outcomes.getOrDefault("silenced", 0L)
        + outcomes.getOrDefault("acknowledged", 0L) + deadLettered;
    List<String> problems = new ArrayList<>();
    if (failed > 0 || acked != sent) {
      problems.add(String.format("%,d sent but %,d acknowledged and %,d failed", sent, acked, failed));
    }
    if (processed != acked) {
      problems.add(String.format("%,d acknowledged but %,d outcomes (%s)", acked, processed, outcomes));
    }
    if (deadLettered != poison) {
      problems.add(String.format("%,d poison records sent but %,d dead-lettered", poison, deadLettered));
    }
    if (deadLetterRecords != deadLettered) {
      problems.add(String.format("%,d dead-lettered but %,d records on the dead-letter topic", deadLettered,
          deadLetterRecords));
    }
    if (badSignatures > 0) {
      problems.add(String.format("%,d webhook deliveries with a bad signature", badSignatures));
    }
    return new Accounting(sent, acked, failed, poison, outcomes, processed, deadLetterRecords, badSignatures,
        List.copyOf(problems));
  }
}
