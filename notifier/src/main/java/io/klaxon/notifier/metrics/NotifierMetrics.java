package io.klaxon.notifier.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The notifier's meters, all named here so dashboards and alert rules have one place to look.
 * Prometheus names (with the registry's naming convention applied):
 *
 * <ul>
 *   <li>{@code klaxon_notifier_deliveries_total{channel,outcome,tier,severity}}: attempts by
 *       outcome (delivered, retry_scheduled, failed_permanent, dead_lettered), tenant tier and alert
 *       severity (a group's or a digest's most severe; {@code summary} for suppression summaries,
 *       {@code ack} for acknowledgements sent to PagerDuty);
 *   <li>{@code klaxon_notifier_attempt_latency_seconds{channel}}: duration of each send attempt;
 *   <li>{@code klaxon_notifier_retries_total{channel}}: retries scheduled;
 *   <li>{@code klaxon_notifier_dead_letters_total{channel,cause}}: requests sent to the DLQ
 *       (cause permanent or budget);
 *   <li>{@code klaxon_notifier_pacing_waits_total{channel}} and {@code
 *       klaxon_notifier_pacing_wait_seconds{channel}}: attempts delayed by channel pacing or a
 *       Retry-After;
 *   <li>{@code klaxon_notifier_retry_after_capped_total{channel}}: Retry-After values longer than
 *       the notifier honours ({@code RETRY_AFTER_MAX}), shortened to it;
 *   <li>{@code klaxon_notifier_attempt_timeouts_total{channel}}: attempts that ran out of time;
 *   <li>{@code klaxon_notifier_waiting_on_destination}: deliveries waiting, without a delivery slot,
 *       for their backoff or a paused or paced destination;
 *   <li>{@code klaxon_notifier_destinations_paused}: destinations a Retry-After pauses now;
 *   <li>{@code klaxon_notifier_template_fallbacks_total{key}}: tenant template overrides that
 *       failed and fell back to the default template;
 *   <li>{@code klaxon_notifier_undecodable_total}: input records that could not be decoded;
 *   <li>{@code klaxon_notifier_registry_failures_total}: reads the schema registry did not answer
 *       (each is read again), and {@code klaxon_notifier_registry_unavailable}: 1 during such an
 *       outage;
 *   <li>{@code klaxon_notifier_waiting}: requests read and waiting for a delivery slot;
 *   <li>{@code klaxon_notifier_outcome_write_failures_total{record}}: failed tries to write a
 *       receipt or dead letter (record {@code receipt}, {@code dead_letter} or {@code undecodable}),
 *       each tried again;
 *   <li>{@code klaxon_notifier_outcome_writes_failing}: receipts and dead letters that failed to
 *       write and wait for another try;
 *   <li>{@code klaxon_notifier_redeliveries_skipped_total}: notifications read again after their
 *       partition moved that were not sent again, as their previous owner had delivered them.
 * </ul>
 *
 * Thread-safe. Tags never carry tenant ids, so cardinality stays bounded.
 */
public final class NotifierMetrics {
  private final MeterRegistry registry;

  public NotifierMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
    // Series exist from the start, so dashboards and alert rules see zeros rather than nothing.
    for (String channel : new String[] {"slack", "email", "webhook", "pagerduty"}) {
      Counter.builder("klaxon.notifier.retries").description("Retries scheduled").tag("channel", channel).register(registry);
      for (String cause : new String[] {"permanent", "budget"}) {
        Counter.builder("klaxon.notifier.dead.letters").description("Notifications sent to the notifications DLQ")
            .tag("channel", channel).tag("cause", cause).register(registry);
      }
      Counter.builder("klaxon.notifier.pacing.waits").description("Attempts delayed by pacing or Retry-After")
          .tag("channel", channel).register(registry);
      retryAfterCappedCounter(channel);
      attemptTimeouts(channel);
    }
    for (String record : new String[] {"receipt", "dead_letter", "undecodable"}) {
      outcomeWriteFailures(record);
    }
    registryFailures();
    undecodableCounter();
    erasedCounter();
    redeliveriesSkipped();
  }

  /** Counts a notification read again after its partition moved that is not sent again: it was delivered. */
  public void redeliverySkipped() {
    redeliveriesSkipped().increment();
  }

  private Counter redeliveriesSkipped() {
    return Counter.builder("klaxon.notifier.redeliveries.skipped")
        .description("Notifications read again after their partition moved and not sent again: their previous owner "
            + "had delivered them")
        .register(registry);
  }

  /** Meters kept in memory only, for tests and tools. */
  public static NotifierMetrics inMemory() {
    return new NotifierMetrics(new SimpleMeterRegistry());
  }

  public MeterRegistry registry() {
    return registry;
  }

  public void delivery(String channel, String outcome, String tier, String severity) {
    Counter.builder("klaxon.notifier.deliveries").description("Delivery attempts by outcome")
        .tag("channel", channel).tag("outcome", outcome).tag("tier", tier).tag("severity", severity)
        .register(registry).increment();
  }

  public void attemptLatency(String channel, Duration duration) {
    Timer.builder("klaxon.notifier.attempt.latency").description("Duration of one send attempt")
        .tag("channel", channel).publishPercentileHistogram().register(registry).record(duration);
  }

  public void retry(String channel) {
    Counter.builder("klaxon.notifier.retries").description("Retries scheduled")
        .tag("channel", channel).register(registry).increment();
  }

  public void deadLetter(String channel, boolean permanent) {
    Counter.builder("klaxon.notifier.dead.letters").description("Notifications sent to the notifications DLQ")
        .tag("channel", channel).tag("cause", permanent ? "permanent" : "budget").register(registry).increment();
  }

  public void pacingWait(String channel, Duration waited) {
    Counter.builder("klaxon.notifier.pacing.waits").description("Attempts delayed by pacing or Retry-After")
        .tag("channel", channel).register(registry).increment();
    Timer.builder("klaxon.notifier.pacing.wait").description("Time attempts waited for pacing or Retry-After")
        .tag("channel", channel).register(registry).record(waited);
  }

  /** Counts a Retry-After longer than the notifier honours (it was shortened to the maximum). */
  public void retryAfterCapped(String channel) {
    retryAfterCappedCounter(channel).increment();
  }

  private Counter retryAfterCappedCounter(String channel) {
    return perChannel("klaxon.notifier.retry.after.capped",
        "Retry-After values longer than the notifier honours, shortened to the maximum", channel);
  }

  /** Counts an attempt that ran out of time (no answer, or an answer that stalled). */
  public void attemptTimedOut(String channel) {
    attemptTimeouts(channel).increment();
  }

  private Counter attemptTimeouts(String channel) {
    return perChannel("klaxon.notifier.attempt.timeouts", "Attempts that ran out of time: no answer, or an answer that stalled",
        channel);
  }

  private Counter perChannel(String name, String description, String channel) {
    return Counter.builder(name).description(description).tag("channel", channel).register(registry);
  }

  /** Publishes how many deliveries wait, holding no delivery slot, for their backoff or a paused or paced destination. */
  public void waitingOnDestinationGauge(Supplier<Number> waiting) {
    Gauge.builder("klaxon.notifier.waiting.on.destination", waiting)
        .description("Deliveries waiting, without a delivery slot, for their backoff or a paused or paced destination")
        .register(registry);
  }

  /** Publishes how many destinations a Retry-After pauses now. */
  public void pausedDestinationsGauge(Supplier<Number> paused) {
    Gauge.builder("klaxon.notifier.destinations.paused", paused)
        .description("Destinations that a Retry-After pauses now").register(registry);
  }

  public void templateFallback(String key) {
    Counter.builder("klaxon.notifier.template.fallbacks")
        .description("Tenant template overrides that failed and fell back to the default")
        .tag("key", key).register(registry).increment();
  }

  /** Publishes how many requests were read and wait for a delivery slot (their tenant's or the shared one). */
  public void waitingGauge(Supplier<Number> waiting) {
    Gauge.builder("klaxon.notifier.waiting", waiting)
        .description("Notification requests read and waiting for a delivery slot").register(registry);
  }

  /**
   * Counts a failed try to write a receipt or dead letter ({@code record} is {@code receipt}, {@code
   * dead_letter} or {@code undecodable}).
   */
  public void outcomeWriteFailure(String record) {
    outcomeWriteFailures(record).increment();
  }

  private Counter outcomeWriteFailures(String record) {
    return Counter.builder("klaxon.notifier.outcome.write.failures")
        .description("Failed tries to write a receipt or dead letter; each is tried again")
        .tag("record", record).register(registry);
  }

  /** Publishes how many receipts and dead letters failed to write and wait for another try. */
  public void outcomeWritesFailingGauge(Supplier<Number> failing) {
    Gauge.builder("klaxon.notifier.outcome.writes.failing", failing)
        .description("Receipts and dead letters that failed to write and wait for another try").register(registry);
  }

  /** Counts a read that the schema registry did not answer (unreachable, refused, throttled). */
  public void registryFailure() {
    registryFailures().increment();
  }

  private Counter registryFailures() {
    return Counter.builder("klaxon.notifier.registry.failures")
        .description("Reads of notification requests that the schema registry did not answer; each is read again")
        .register(registry);
  }

  /** Publishes 1 while the schema registry does not answer the consumer's reads, else 0. */
  public void registryUnavailableGauge(Supplier<Number> unavailable) {
    Gauge.builder("klaxon.notifier.registry.unavailable", unavailable)
        .description("1 while the schema registry does not answer the consumer's reads").register(registry);
  }

  public void undecodable() {
    undecodableCounter().increment();
  }

  /** A sealed notification whose tenant's data key is destroyed (the tenant was erased): skipped, never delivered. */
  public void erasedSkipped() {
    erasedCounter().increment();
  }

  private Counter erasedCounter() {
    return Counter.builder("klaxon.notifier.erased").description("Sealed notifications skipped: their tenant was erased")
        .register(registry);
  }

  private Counter undecodableCounter() {
    return Counter.builder("klaxon.notifier.undecodable").description("Input records that could not be decoded")
        .register(registry);
  }

  /** The current count of a counter, 0 when it was never incremented (for tests and health). */
  public double count(String name, String... tags) {
    Counter counter = registry.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }
}
