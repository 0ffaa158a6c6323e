package io.klaxon.notifier.webhook;

import io.klaxon.ops.Durations;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import okhttp3.Call;

/**
 * Ends HTTP calls that run past their deadline. One daemon thread looks at every call in flight
 * every {@link #TICK} and cancels those whose time is up (the call then fails where it waits:
 * connecting, writing, waiting for headers or in the middle of the body). Registering a call is
 * an insertion into a concurrent set: no timer per call and no queue shared under one lock, which
 * the HTTP clients' own per-call and per-read timeouts need. A deadline is kept to within a tick.
 * Thread-safe; one per process.
 */
final class CallDeadlines {
  /** How often the calls in flight are looked at. */
  static final Duration TICK = Duration.ofMillis(25);

  static final CallDeadlines SHARED = new CallDeadlines(true);

  private final Set<Deadline> inFlight = ConcurrentHashMap.newKeySet();
  private final Object startLock = new Object();
  private volatile boolean started;

  /** @param sweeping whether a thread of its own sweeps (with the first call); else only {@link #sweep} does */
  CallDeadlines(boolean sweeping) {
    this.started = !sweeping;
  }

  /** The deadline of one call; {@link #close} it when the call is over, whatever its end. */
  final class Deadline implements AutoCloseable {
    private final Call call;
    private final long deadlineNanos;
    private volatile boolean expired;

    private Deadline(Call call, long deadlineNanos) {
      this.call = call;
      this.deadlineNanos = deadlineNanos;
    }

    /** Whether the call was cancelled because its time was up. */
    boolean expired() {
      return expired;
    }

    @Override
    public void close() {
      inFlight.remove(this);
    }
  }

  /** Watches {@code call}, which must end within {@code timeout} from now. */
  Deadline watch(Call call, Duration timeout) {
    startOnce();
    Deadline deadline = new Deadline(call, Durations.nanoDeadline(System.nanoTime(), timeout));
    inFlight.add(deadline);
    return deadline;
  }

  /** Cancels the calls whose deadline is at or before {@code nowNanos}. */
  void sweep(long nowNanos) {
    for (Iterator<Deadline> it = inFlight.iterator(); it.hasNext(); ) {
      Deadline deadline = it.next();
      if (nowNanos - deadline.deadlineNanos >= 0) {
        deadline.expired = true;
        it.remove();
        deadline.call.cancel();
      }
    }
  }

  private void startOnce() {
    if (started) {
      return;
    }
    synchronized (startLock) {
      if (!started) {
        Thread.ofPlatform().daemon().name("klaxon-http-deadlines").start(this::run);
        started = true;
      }
    }
  }

  private void run() {
    long tick = TICK.toNanos();
    while (true) {
      LockSupport.parkNanos(tick);
      if (!inFlight.isEmpty()) {
        sweep(System.nanoTime());
      }
    }
  }

  /** Calls being watched now. */
  int watched() {
    return inFlight.size();
  }
}
