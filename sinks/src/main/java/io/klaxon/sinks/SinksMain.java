package io.klaxon.sinks;

import io.klaxon.ops.Env;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the local sinks on their own until the process is stopped (Ctrl-C), configured by
 * environment variables ({@link SinksConfig}). Exit status 2 when the configuration cannot be read
 * or a port cannot be bound.
 */
public final class SinksMain {
  private SinksMain() {}

  public static void main(String[] args) throws InterruptedException {
    LocalSinks sinks;
    try {
      sinks = LocalSinks.start(SinksConfig.from(Env.system()));
    } catch (Exception e) {
      System.err.println("klaxon sinks: cannot start: " + e.getMessage());
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      sinks.close();
      stopped.countDown();
    }, "sinks-shutdown"));
    System.out.println(sinks.describe());
    stopped.await();
  }
}
