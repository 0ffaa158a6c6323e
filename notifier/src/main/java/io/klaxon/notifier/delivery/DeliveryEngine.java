package io.klaxon.notifier.delivery;

import io.klaxon.contract.TargetKind;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.DeadLetter;
import io.klaxon.events.DeliveryOutcome;
import io.klaxon.events.DeliveryReceipt;
import io.klaxon.events.FailedNotification;
import io.klaxon.events.NotificationRequest;
import io.klaxon.notifier.metrics.NotifierMetrics;
import io.klaxon.notifier.render.NotificationStatus;
import io.klaxon.notifier.render.RenderedMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one component around the senders: renders a request through its channel's {@link
 * ChannelPipeline}, sends it, and owns everything about retrying. Per attempt it waits for the
 * backoff and for the destination (a token bucket per key the sender paces by, such as a Slack
 * channel, and any Retry-After pause of the destination), holds one of the target's concurrency
 * permits while sending (an {@link AdaptiveConcurrency} limit per target), writes a {@link DeliveryReceipt}, and on a retryable failure waits an
 * exponential, fully jittered backoff that is never shorter than the channel's Retry-After. A
 * Retry-After counts for at most {@link RetryPolicy#retryAfterMax()}. When the retry budget is
 * spent, or the next attempt could only start after it (a wait past the budget is never waited
 * for), or the channel refuses for good, or no pipeline serves its channel, the request is
 * dead-lettered as a {@link FailedNotification}.
 *
 * <p>A delivery holds its {@link DeliverySlot} only while it renders and sends: it gives the slot
 * up for every wait and takes it again before the next attempt, so deliveries waiting on a paused
 * destination never keep others of their tenant from starting ({@link #waitingOnDestination()}
 * counts them).
 *
 * <p>Errors are data: whatever goes wrong inside the engine (a defect, not a failure of the
 * channel) dead-letters the request for good with the error's type as the reason, so its record
 * is committed and never delivered again in a loop. Only a delivery that is stopped (the engine
 * closes, or its slot is withdrawn) ends without an outcome.
 *
 * <p>A receipt or dead letter that fails to write is written again until it is written ({@link
 * RetryingOutcomeRecorder}); the notification is not sent again for it. {@link
 * #stuckOutcomeWrites()} tells how many of those writes keep failing.
 *
 * <p>{@link #deliver} runs each notification on its own virtual thread (senders block). Time and
 * waiting come from the injected clock and sleeper. Thread-safe; {@link #close} interrupts
 * deliveries in flight and stops writing outcomes again, and the futures of those deliveries
 * fail (their offsets stay uncommitted).
 */
public final class DeliveryEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryEngine.class);

  private final Map<TargetKind, ChannelPipeline<?>> channels = new EnumMap<>(TargetKind.class);
  private final RetryingOutcomeRecorder outcomes;
  private final DeliverySettings settings;
  private final InstantSource clock;
  private final Sleeper sleeper;
  private final DoubleSupplier random;
  private final NotifierMetrics metrics;
  private final ChannelPacer pacer;
  private final Map<String, AdaptiveConcurrency> targetLimits = new ConcurrentHashMap<>();
  private final AtomicInteger waitingOnDestination = new AtomicInteger();
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  /**
   * @param channels the channels served, at most one pipeline each
   * @param outcomes where receipts and dead letters are written (written again while they fail)
   * @param random jitter source, values in [0, 1)
   * @throws IllegalArgumentException when two pipelines serve the same channel
   */
  public DeliveryEngine(List<ChannelPipeline<?>> channels, OutcomeRecorder outcomes, DeliverySettings settings,
      InstantSource clock, Sleeper sleeper, DoubleSupplier random, NotifierMetrics metrics) {
    for (ChannelPipeline<?> pipeline : channels) {
      if (this.channels.putIfAbsent(pipeline.channel(), pipeline) != null) {
        throw new IllegalArgumentException("two pipelines for channel " + pipeline.channel());
      }
    }
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.random = Objects.requireNonNull(random, "random");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    Map<TargetKind, ChannelPacer.Pace> paces = new EnumMap<>(TargetKind.class);
    for (ChannelPipeline<?> pipeline : channels) {
      pipeline.sender().pace().ifPresent(pace -> paces.put(pipeline.channel(), pace));
    }
    this.pacer = new ChannelPacer(clock, settings.slackPerSecond(), settings.slackBurst(), paces);
    this.outcomes = new RetryingOutcomeRecorder(Objects.requireNonNull(outcomes, "outcomes"), settings.outcomeWrites(),
        clock, metrics);
    metrics.waitingOnDestinationGauge(waitingOnDestination::get);
    metrics.pausedDestinationsGauge(pacer::paused);
  }

  /** {@link #deliver(NotificationRequest, DeliverySlot)} outside any admission. */
  public CompletableFuture<DeliveryReport> deliver(NotificationRequest request) {
    return deliver(request, DeliverySlot.UNMANAGED);
  }

  /**
   * Delivers {@code request} on a virtual thread, holding {@code slot} except while it waits, and
   * telling it when the outcome is final ({@link DeliverySlot#outcomeFinal}) if its receipts are
   * not durable yet. The future completes when the outcome is final and every receipt and dead
   * letter it produced is durable in the recorder; it fails only when the delivery was stopped
   * (see the class comment).
   */
  public CompletableFuture<DeliveryReport> deliver(NotificationRequest request, DeliverySlot slot) {
    CompletableFuture<DeliveryReport> result = new CompletableFuture<>();
    executor.execute(() -> {
      try {
        CompletableFuture<DeliveryReport> recorded = deliverNow(request, slot);
        if (!recorded.isDone()) {
          slot.outcomeFinal();
        }
        result.complete(recorded.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        result.completeExceptionally(e);
      } catch (Throwable e) {
        result.completeExceptionally(e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e);
      }
    });
    return result;
  }

  /** {@link #deliverNow(NotificationRequest, DeliverySlot)} outside any admission. */
  public CompletableFuture<DeliveryReport> deliverNow(NotificationRequest request) throws InterruptedException {
    return deliverNow(request, DeliverySlot.UNMANAGED);
  }

  /**
   * Delivers {@code request} on the calling thread, waiting with the sleeper between attempts
   * (without {@code slot}). Returns once the outcome is final; the returned future completes when
   * the recorder has made every record durable.
   *
   * @throws InterruptedException when interrupted while waiting (nothing more is written)
   * @throws CancellationException when the slot was withdrawn while the delivery waited
   */
  public CompletableFuture<DeliveryReport> deliverNow(NotificationRequest request, DeliverySlot slot)
      throws InterruptedException {
    Attempts attempts = new Attempts(request);
    try {
      ChannelPipeline<?> pipeline = channels.get(TargetKind.of(request.getTarget()));
      if (pipeline == null) {
        return attempts.permanent(1, clock.instant(), Duration.ZERO,
            "no sender for channel " + TargetKind.of(request.getTarget()).name(), null);
      }
      return deliverThrough(pipeline, request, attempts, slot);
    } catch (CancellationException e) {
      throw e;
    } catch (RuntimeException e) {
      // A defect, not the channel's answer: as data, so the record is committed rather than read
      // and delivered again, and again.
      LOG.error("Delivering notification {} of tenant {} failed inside the notifier; dead-lettering it",
          request.getNotificationId(), request.getTenantId(), e);
      return attempts.deadLetter("internal error (" + e.getClass().getSimpleName() + ")", true, attempts.made(), null);
    }
  }

  private <M extends RenderedMessage> CompletableFuture<DeliveryReport> deliverThrough(ChannelPipeline<M> pipeline,
      NotificationRequest request, Attempts attempts, DeliverySlot slot) throws InterruptedException {
    ChannelTarget target = request.getTarget();
    String channelTag = pipeline.channel().label();
    RetryPolicy retry = settings.retry();
    Instant first = clock.instant();
    Instant deadline = plus(first, retry.maxElapsed());
    M message;
    try {
      Set<String> problems = new LinkedHashSet<>();
      message = pipeline.render(request, problem -> problems.add(problem.describe()));
      attempts.templateProblems(List.copyOf(problems));
    } catch (RuntimeException e) {
      return attempts.permanent(1, first, Duration.ZERO, "rendering failed (" + e.getClass().getSimpleName() + ")", null);
    }
    Sender<? super M> sender = pipeline.sender();
    ChannelPacer.Destination destination = ChannelPacer.Destination.of(request, sender.pacingKey(request));
    AdaptiveConcurrency targetLimit = targetLimits.computeIfAbsent(request.getTenantId() + "/" + target.getId(),
        k -> new AdaptiveConcurrency(settings.targetConcurrency()));
    Instant notBefore = first;
    for (int attempt = 1; ; attempt++) {
      if (!awaitTurn(destination, notBefore, deadline, channelTag, slot)) {
        String reason = "destination paused or paced past the retry budget of " + retry.maxElapsed();
        attempts.receipt(attempt, DeliveryOutcome.DEAD_LETTERED, reason, null, null, Duration.ZERO, clock.instant());
        return attempts.deadLetter(reason, false, attempt - 1, null);
      }
      AdaptiveConcurrency.Permit permit = targetPermit(targetLimit, slot);
      if (pacer.pausedNow(destination)) {
        // Another attempt's Retry-After paused the destination while this one waited for its turn
        // or a permit: wait the pause out before sending, as the same attempt.
        permit.complete(null, Duration.ZERO);
        attempt--;
        continue;
      }
      Instant started = clock.instant();
      SendResult result = null;
      Duration retryAfter = Duration.ZERO;
      try {
        result = sender.send(request, message);
      } catch (RuntimeException e) {
        result = new SendResult.Retryable(Duration.ZERO, "unexpected " + e.getClass().getSimpleName());
      } finally {
        // The destination is paused before the permit goes to a waiting attempt, which checks the pause.
        if (result instanceof SendResult.Retryable retryable) {
          retryAfter = retry.honoured(retryable.after());
          if (retryAfter.isPositive()) {
            pacer.pause(destination, retryAfter);
          }
        }
        permit.complete(result, Duration.between(started, clock.instant()));
      }
      Instant finished = clock.instant();
      Duration latency = Duration.between(started, finished);
      metrics.attemptLatency(channelTag, latency);
      switch (result) {
        case SendResult.Delivered delivered -> {
          attempts.receipt(attempt, DeliveryOutcome.DELIVERED, null, delivered.statusCode(), null, latency, started);
          LOG.debug("Delivered {} of tenant {} to target {} at attempt {}", request.getNotificationId(),
              request.getTenantId(), target.getId(), attempt);
          return attempts.done(null);
        }
        case SendResult.Permanent permanent -> {
          return attempts.permanent(attempt, started, latency, permanent.reason(), permanent.statusCode());
        }
        case SendResult.Retryable retryable -> {
          if (retryable.timedOut()) {
            metrics.attemptTimedOut(channelTag);
          }
          if (retryAfter.compareTo(retryable.after()) < 0) {
            metrics.retryAfterCapped(channelTag);
          }
          Duration delay = retry.delay(attempt, retryAfter, random);
          Instant next = plus(finished, delay);
          if (!retry.allowsAnother(attempt, Duration.between(first, next))) {
            String reason = attempt < retry.maxAttempts()
                ? retryable.reason() + " (waiting " + delay.toSeconds() + "s for the next attempt would pass the retry budget of "
                    + retry.maxElapsed() + ")"
                : retryable.reason();
            attempts.receipt(attempt, DeliveryOutcome.DEAD_LETTERED, reason, retryable.statusCode(), null, latency, started);
            return attempts.deadLetter(reason, false, attempt, retryable.statusCode());
          }
          attempts.receipt(attempt, DeliveryOutcome.RETRY_SCHEDULED, retryable.reason(), retryable.statusCode(),
              delay, latency, started);
          metrics.retry(channelTag);
          notBefore = next;
        }
      }
    }
  }

  /**
   * Waits, without the delivery's slot, until {@code notBefore} has passed and the destination
   * takes the next send, then takes the slot again. Returns false at once (without the slot) when
   * the destination would take it only after {@code deadline}.
   */
  private boolean awaitTurn(ChannelPacer.Destination destination, Instant notBefore, Instant deadline, String channelTag,
      DeliverySlot slot) throws InterruptedException {
    boolean released = false;
    Duration backoff = Duration.between(clock.instant(), notBefore);
    if (backoff.isPositive()) {
      slot.release();
      released = true;
      waitOnDestination(backoff);
    }
    Optional<Duration> turn = pacer.reserve(destination, deadline);
    if (turn.isEmpty()) {
      return false;
    }
    if (turn.get().isPositive()) {
      metrics.pacingWait(channelTag, turn.get());
      if (!released) {
        slot.release();
        released = true;
      }
      waitOnDestination(turn.get());
    }
    if (released) {
      slot.reacquire();
    }
    return true;
  }

  /**
   * A permit of the target: at once when one is free; otherwise the delivery gives its slot up,
   * waits for a permit and then takes the slot again, so a busy target never keeps a slot idle.
   */
  private AdaptiveConcurrency.Permit targetPermit(AdaptiveConcurrency targetLimit, DeliverySlot slot)
      throws InterruptedException {
    AdaptiveConcurrency.Permit permit = targetLimit.tryAcquire();
    if (permit != null) {
      return permit;
    }
    slot.release();
    waitingOnDestination.incrementAndGet();
    try {
      permit = targetLimit.acquire();
    } finally {
      waitingOnDestination.decrementAndGet();
    }
    boolean reacquired = false;
    try {
      slot.reacquire();
      reacquired = true;
    } finally {
      if (!reacquired) {
        permit.complete(null, Duration.ZERO);
      }
    }
    return permit;
  }

  private void waitOnDestination(Duration wait) throws InterruptedException {
    waitingOnDestination.incrementAndGet();
    try {
      sleeper.sleep(wait);
    } finally {
      waitingOnDestination.decrementAndGet();
    }
  }

  /** {@code instant + duration}, or the end of time (a configured maximum may be absurdly long). */
  static Instant plus(Instant instant, Duration duration) {
    return Duration.between(instant, Instant.MAX).compareTo(duration) <= 0 ? Instant.MAX : instant.plus(duration);
  }

  /**
   * Writes the dead letter of an input record that is not a readable notification request; the
   * future completes when it is durable (written again while it fails, as every dead letter is).
   */
  public CompletableFuture<?> deadLetterUndecodable(DeadLetter letter) {
    return outcomes.undecodable(letter);
  }

  /** Deliveries waiting, without a slot, for their backoff or for a paused or paced destination. */
  public int waitingOnDestination() {
    return waitingOnDestination.get();
  }

  /** Receipts and dead letters that have been failing to write for longer than the settings allow. */
  public int stuckOutcomeWrites() {
    return outcomes.stuck();
  }

  @Override
  public void close() {
    executor.shutdownNow();
    outcomes.close();
  }

  /** The records one delivery writes, and the futures of their durability. */
  private final class Attempts {
    private final NotificationRequest request;
    private final List<DeliveryReceipt> receipts = new ArrayList<>();
    private final List<CompletableFuture<?>> writes = new ArrayList<>();
    private List<String> templateProblems = List.of();

    Attempts(NotificationRequest request) {
      this.request = request;
    }

    /** The broken tenant overrides of the rendering, reported in every receipt of the delivery. */
    void templateProblems(List<String> problems) {
      templateProblems = problems;
    }

    /** The number of the last attempt a receipt was written for, 0 before the first. */
    int made() {
      return receipts.isEmpty() ? 0 : receipts.getLast().getAttempt();
    }

    void receipt(int attempt, DeliveryOutcome outcome, String detail, Integer status, Duration retryAfter,
        Duration latency, Instant started) {
      DeliveryReceipt receipt = DeliveryReceipt.newBuilder()
          .setNotificationId(request.getNotificationId())
          .setTenantId(request.getTenantId())
          .setTargetId(request.getTarget().getId())
          .setChannel(request.getTarget().getChannel())
          .setDestination(TargetKind.of(request.getTarget()).receiptDestination())
          .setAttempt(attempt)
          .setOutcome(outcome)
          .setDetail(detail)
          .setStatusCode(status)
          .setRetryAfterMs(retryAfter == null ? null : retryAfter.toMillis())
          .setLatencyMs(latency.toMillis())
          .setAttemptedAt(started)
          .setTemplateProblems(templateProblems)
          .build();
      receipts.add(receipt);
      metrics.delivery(TargetKind.of(request.getTarget()).label(),
          outcome.name().toLowerCase(Locale.ROOT), request.getTier().name().toLowerCase(Locale.ROOT),
          severityTag(request));
      writes.add(outcomes.receipt(receipt));
    }

    /**
     * The severity a delivery is counted under: an alert's, a group's most severe (its {@code alert}
     * is only its most severe listed one, which may have resolved), a digest's most severe counted
     * (INFO when it counts none), {@code summary} for a suppression summary ({@link
     * NotificationStatus#severity}), {@code ack} for an acknowledgement sent to PagerDuty. Severity
     * names only, so the series stay few.
     */
    private static String severityTag(NotificationRequest request) {
      if (request.getAcknowledged() != null) {
        return "ack";
      }
      return NotificationStatus.severity(request).map(s -> s.name().toLowerCase(Locale.ROOT)).orElse("summary");
    }

    CompletableFuture<DeliveryReport> permanent(int attempt, Instant started, Duration latency, String reason, Integer status) {
      receipt(attempt, DeliveryOutcome.FAILED_PERMANENT, reason, status, null, latency, started);
      return deadLetter(reason, true, attempt, status);
    }

    CompletableFuture<DeliveryReport> deadLetter(String reason, boolean permanent, int attempts, Integer status) {
      FailedNotification failed = FailedNotification.newBuilder()
          .setRequest(request)
          .setFailure(reason)
          .setPermanent(permanent)
          .setAttempts(attempts)
          .setLastStatusCode(status)
          .setFailedAt(clock.instant())
          .build();
      metrics.deadLetter(TargetKind.of(request.getTarget()).label(), permanent);
      LOG.warn("Notification {} of tenant {} to target {} dead-lettered after {} attempt(s): {}",
          request.getNotificationId(), request.getTenantId(), request.getTarget().getId(), attempts, reason);
      writes.add(outcomes.deadLetter(request.getTenantId(), failed));
      return done(failed);
    }

    CompletableFuture<DeliveryReport> done(FailedNotification failed) {
      DeliveryReport report = new DeliveryReport(receipts, failed);
      return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).thenApply(ignored -> report);
    }
  }
}
