package io.klaxon.streams;

import java.time.Duration;
import java.util.function.LongConsumer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * The time that expiry (dedup state) and summary windows (rate limit) follow: stream time, but
 * never more than {@code maxAheadMs} past this instance's wall clock.
 *
 * <p>Why: stream time is the largest record timestamp seen on a partition, and Kafka accepts
 * timestamps up to an hour ahead of the broker's clock. Left alone, one producer's record
 * timestamped ahead would move time for every tenant on the partition, forgetting their dedup
 * state early and stalling stream-time punctuation (summaries) until real time caught up.
 * Decisions themselves stay by record time, per tenant and fingerprint (SPEC: refill by record time,
 * so replays decide the same), and when Klaxon replays old records its wall clock is far ahead of
 * them, so this bound never applies and a replay expires state exactly as stream time says.
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxAheadMs how far stream time may run ahead of the wall clock and still be followed
 */
record BoundedStreamTime(long maxAheadMs) {

  BoundedStreamTime(Duration maxAhead) {
    this(maxAhead.toMillis());
  }

  /** Stream time, at most {@code maxAhead} past the wall clock. */
  long at(long streamTimeMs, long wallClockMs) {
    return Math.min(streamTimeMs, limit(wallClockMs));
  }

  /** Whether stream time has run further ahead of the wall clock than is followed. */
  boolean isAhead(long streamTimeMs, long wallClockMs) {
    return streamTimeMs > limit(wallClockMs);
  }

  /**
   * Calls {@code action} with the bounded time every {@code interval} of stream time, and also
   * every {@code interval} of wall clock while stream time is ahead (its own punctuation would
   * stall until real time caught up). Schedules the stream-time punctuator first.
   */
  void schedule(ProcessorContext<?, ?> context, Duration interval, LongConsumer action) {
    context.schedule(interval, PunctuationType.STREAM_TIME,
        streamTime -> action.accept(at(streamTime, context.currentSystemTimeMs())));
    context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, wallClock -> {
      long streamTime = context.currentStreamTimeMs();
      if (isAhead(streamTime, wallClock)) {
        action.accept(at(streamTime, wallClock));
      }
    });
  }

  private long limit(long wallClockMs) {
    long limit = wallClockMs + maxAheadMs;
    return limit < wallClockMs ? Long.MAX_VALUE : limit;
  }
}
