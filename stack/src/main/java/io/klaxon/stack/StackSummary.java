package io.klaxon.stack;

import io.klaxon.sinks.inbox.InboxChannel;
import io.klaxon.streams.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Locale;

/**
 * A snapshot of what the local stack has done: the Streams app's outcomes (from its meters) and
 * what each stand-in received (from the inbox).
 */
public record StackSummary(long produced, long routed, long deduplicated, long rateLimited, long deadLettered,
    long slack, long email, long webhook) {

  static StackSummary of(long produced, PrometheusMeterRegistry meters, io.klaxon.sinks.inbox.Inbox inbox) {
    return new StackSummary(produced, count(meters, Outcome.ROUTED), count(meters, Outcome.DEDUPLICATED),
        count(meters, Outcome.RATE_LIMITED), count(meters, Outcome.DEAD_LETTERED),
        inbox.received(InboxChannel.SLACK), inbox.received(InboxChannel.EMAIL), inbox.received(InboxChannel.WEBHOOK));
  }

  private static long count(PrometheusMeterRegistry meters, Outcome outcome) {
    return (long) meters.find("klaxon.streams.outcomes").tag("outcome", outcome.tag()).counters().stream()
        .mapToDouble(Counter::count).sum();
  }

  /** Events processed: every input that reached its outcome. */
  public long processed() {
    return routed + deduplicated + rateLimited + deadLettered;
  }

  /** One line for the live display. */
  public String line(long elapsedSeconds) {
    return String.format(Locale.ROOT,
        "%4ds  in %,7d  routed %,6d  dedup %,6d  rate-limited %,6d  dead-lettered %,5d  |  delivered: slack %,5d  email %,5d  webhook %,5d",
        elapsedSeconds, processed(), routed, deduplicated, rateLimited, deadLettered, slack, email, webhook);
  }

  /** The final table. */
  public String table(String failure) {
    return String.join("\n",
        "",
        "  outcome            events",
        "  -----------------  --------",
        String.format(Locale.ROOT, "  produced (demo)    %,8d", produced),
        String.format(Locale.ROOT, "  processed          %,8d", processed()),
        String.format(Locale.ROOT, "    routed           %,8d", routed),
        String.format(Locale.ROOT, "    deduplicated     %,8d", deduplicated),
        String.format(Locale.ROOT, "    rate-limited     %,8d", rateLimited),
        String.format(Locale.ROOT, "    dead-lettered    %,8d", deadLettered),
        "",
        "  channel            delivered",
        "  -----------------  ---------",
        String.format(Locale.ROOT, "  slack              %,9d", slack),
        String.format(Locale.ROOT, "  email              %,9d", email),
        String.format(Locale.ROOT, "  webhook            %,9d", webhook),
        "",
        failure == null ? "  all components healthy" : "  FAILED: " + failure);
  }
}
