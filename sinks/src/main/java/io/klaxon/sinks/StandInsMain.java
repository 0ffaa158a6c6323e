package io.klaxon.sinks;

import io.klaxon.ops.Env;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the stand-ins and the inbox page on their own until the process is stopped (Ctrl-C),
 * configured by environment variables ({@link StandInsConfig}). Exit status 2 when the
 * configuration cannot be read or a port cannot be bound.
 */
public final class StandInsMain {
  private StandInsMain() {}

  public static void main(String[] args) throws InterruptedException {
    StandIns standIns;
    try {
      standIns = StandIns.start(StandInsConfig.from(Env.system()));
    } catch (Exception e) {
      System.err.println("klaxon sinks: cannot start: " + e.getMessage());
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      standIns.close();
      stopped.countDown();
    }, "sinks-shutdown"));
    System.out.println(standIns.describe());
    stopped.await();
  }
}
