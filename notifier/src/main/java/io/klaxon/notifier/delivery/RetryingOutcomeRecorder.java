package io.klaxon.notifier.delivery;

import io.klaxon.events.DeadLetter;
import io.klaxon.events.DeliveryReceipt;
import io.klaxon.events.FailedNotification;
import io.klaxon.notifier.metrics.NotifierMetrics;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes outcomes through another {@link OutcomeRecorder} and writes again, with the capped
 * backoff of {@link OutcomeWriteBackoff}, every receipt or dead letter (of a notification, or of an
 * undecodable input record) that recorder could not
 * write (a missing or unauthorized topic, a record too large, a schema registry that is down),
 * until it is written. So a failed write repeats the write, never the delivery it records: a
 * message reaches a person once per attempt.
 *
 * <p>The future of each write completes when the record was finally written, and fails only when
 * this recorder is {@link #close() closed} first. Each failure is counted ({@link
 * NotifierMetrics#outcomeWriteFailure}); {@link #failing()} writes wait for another try (a
 * gauge), and {@link #stuck()} of them have been failing for longer than {@link
 * OutcomeWriteBackoff#stuckAfter()}. Thread-safe: the first try runs on the caller's thread, the
 * next ones on virtual threads after a timer's wait. Owns its timer, not the recorder it wraps.
 */
public final class RetryingOutcomeRecorder implements OutcomeRecorder, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RetryingOutcomeRecorder.class);

  private final OutcomeRecorder recorder;
  private final OutcomeWriteBackoff backoff;
  private final InstantSource clock;
  private final NotifierMetrics metrics;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().daemon().name("klaxon-outcome-write-retry").factory());
  private final ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor();
  private final Set<Write> failing = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  public RetryingOutcomeRecorder(OutcomeRecorder recorder, OutcomeWriteBackoff backoff, InstantSource clock,
      NotifierMetrics metrics) {
    this.recorder = Objects.requireNonNull(recorder, "recorder");
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    metrics.outcomeWritesFailingGauge(this::failing);
  }

  @Override
  public CompletableFuture<?> receipt(DeliveryReceipt receipt) {
    return new Write("receipt", () -> recorder.receipt(receipt)).start();
  }

  @Override
  public CompletableFuture<?> deadLetter(String tenantId, FailedNotification failed) {
    return new Write("dead_letter", () -> recorder.deadLetter(tenantId, failed)).start();
  }

  @Override
  public CompletableFuture<?> undecodable(DeadLetter letter) {
    return new Write("undecodable", () -> recorder.undecodable(letter)).start();
  }

  /** Writes that failed and wait for another try. */
  public int failing() {
    return failing.size();
  }

  /** Writes that have been failing for longer than the backoff's {@code stuckAfter}. */
  public int stuck() {
    Instant cutoff = clock.instant().minus(backoff.stuckAfter());
    return (int) failing.stream().filter(write -> !write.firstFailure.isAfter(cutoff)).count();
  }

  /** Stops writing again; the futures of writes still failing fail with a {@link CancellationException}. */
  @Override
  public void close() {
    closed = true;
    timer.shutdownNow();
    writers.shutdownNow();
    failing.forEach(Write::abandon);
  }

  /** One receipt or dead letter, tried until written. */
  private final class Write {
    private final String record;
    private final Supplier<CompletableFuture<?>> attempt;
    private final CompletableFuture<Void> written = new CompletableFuture<>();
    // Tries run one after another (the next is scheduled by the failure of the previous one).
    private int failures;
    private volatile Instant firstFailure;

    Write(String record, Supplier<CompletableFuture<?>> attempt) {
      this.record = record;
      this.attempt = attempt;
    }

    CompletableFuture<Void> start() {
      tryOnce();
      return written;
    }

    @SuppressWarnings("FutureReturnValueIgnored") // The callback handles success and failure; the future whenComplete returns adds nothing.
    private void tryOnce() {
      if (closed) {
        abandon();
        return;
      }
      CompletableFuture<?> result;
      try {
        result = attempt.get();
      } catch (RuntimeException e) {
        result = CompletableFuture.failedFuture(e);
      }
      result.whenComplete((ignored, error) -> {
        if (error == null) {
          succeeded();
        } else {
          failed(error);
        }
      });
    }

    private void succeeded() {
      failing.remove(this);
      if (failures > 0) {
        LOG.info("Wrote a {} after {} failed tries", record.replace('_', ' '), failures);
      }
      written.complete(null);
    }

    @SuppressWarnings("FutureReturnValueIgnored") // The scheduled retry catches what an attempt throws and schedules the next one itself.
    private void failed(Throwable error) {
      failures++;
      metrics.outcomeWriteFailure(record);
      if (firstFailure == null) {
        firstFailure = clock.instant();
        failing.add(this);
      }
      long delay = backoff.delay(failures).toMillis();
      // The cause's type only: a transport's message may quote the record.
      LOG.warn("Writing a {} failed ({}, {} time(s)); trying again in {} ms", record.replace('_', ' '),
          cause(error).getClass().getSimpleName(), failures, delay);
      try {
        timer.schedule(this::tryOnceOnAWriter, delay, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        abandon();
      }
    }

    private void tryOnceOnAWriter() {
      try {
        writers.execute(this::tryOnce);
      } catch (RejectedExecutionException e) {
        abandon();
      }
    }

    void abandon() {
      failing.remove(this);
      written.completeExceptionally(new CancellationException("outcome recorder closed before the " + record + " was written"));
    }
  }

  private static Throwable cause(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
