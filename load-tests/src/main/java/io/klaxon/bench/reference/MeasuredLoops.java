package io.klaxon.bench.reference;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/**
 * The loop of a reference load generator: one thread per connection, each sending one request
 * after another (a {@link BooleanSupplier} that sends and says whether the receiver accepted),
 * first unmeasured for a warm-up, then measured; the outcome counts only what was sent while
 * measured. Stateless; each {@link #run} starts and joins its own threads.
 */
final class MeasuredLoops {
  private MeasuredLoops() {}

  /**
   * Runs {@code loops} senders for {@code warmUp}, runs {@code atMeasureStart}, measures for
   * {@code measured}, then stops them and waits until each has finished its request.
   *
   * @param sender the sender of each loop, by index (each is called from its loop's thread only)
   * @param thread makes a loop's thread (platform or virtual, named), not yet started
   */
  static LoadGeneratorResult run(int loops, IntFunction<BooleanSupplier> sender, IntFunction<Thread.Builder> thread,
      Duration warmUp, Duration measured, Runnable atMeasureStart) throws InterruptedException {
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicBoolean measuring = new AtomicBoolean();
    LongAdder accepted = new LongAdder();
    LongAdder failed = new LongAdder();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < loops; i++) {
      BooleanSupplier send = sender.apply(i);
      threads.add(thread.apply(i).start(() -> {
        while (running.get()) {
          boolean counted = measuring.get();
          boolean ok = send.getAsBoolean();
          if (counted) {
            (ok ? accepted : failed).increment();
          }
        }
      }));
    }
    Thread.sleep(warmUp.toMillis());
    atMeasureStart.run();
    long start = System.nanoTime();
    measuring.set(true);
    Thread.sleep(measured.toMillis());
    measuring.set(false);
    double seconds = (System.nanoTime() - start) / 1e9;
    running.set(false);
    for (Thread t : threads) {
      t.join();
    }
    return new LoadGeneratorResult(accepted.sum(), failed.sum(), seconds);
  }
}
