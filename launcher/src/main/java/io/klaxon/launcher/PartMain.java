package io.klaxon.launcher;

import io.klaxon.ops.Env;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A part as its own process: {@code java <flags> -cp <class path> io.klaxon.launcher.PartMain <kind>},
 * configured by its environment only, through the same entry point as in-process ({@link
 * PartKind#start}). It stops in order on SIGTERM, and also when its standard input reaches its end:
 * the launcher holds the other end of that pipe, so a part never outlives a launcher that died,
 * even one that died while the part was still starting.
 * Exit status 1 when it cannot start, 2 on bad usage.
 */
public final class PartMain {
  private static final Logger LOG = LoggerFactory.getLogger(PartMain.class);

  private PartMain() {}

  public static void main(String[] args) throws InterruptedException {
    PartKind kind = kind(args);
    if (kind == null) {
      System.err.println("usage: PartMain <" + String.join("|", Arrays.stream(PartKind.values())
          .map(k -> k.name().toLowerCase(Locale.ROOT)).toList()) + ">");
      System.exit(2);
      return;
    }
    // Watched from the start: a part whose start blocks (a broker or registry that does not answer)
    // must not outlive a launcher that died meanwhile.
    AtomicReference<AutoCloseable> started = new AtomicReference<>();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      AutoCloseable part = started.get();
      if (part != null) {
        LOG.info("Stopping the {} part", kind.label());
        try {
          part.close();
        } catch (Exception e) {
          LOG.warn("Stopping the {} part failed", kind.label(), e);
        }
      }
      stopped.countDown();
    }, "klaxon-part-shutdown"));
    Thread.ofPlatform().name("klaxon-part-launcher-watch").daemon().start(() -> {
      awaitEndOf(System.in);
      LOG.info("The launcher is gone; stopping{}", started.get() == null ? " before the part finished starting" : "");
      System.exit(0);
    });
    try {
      started.set(kind.start(Env.system()));
    } catch (Exception e) {
      LOG.error("The {} part could not start", kind.label(), e);
      System.err.println("klaxon " + kind.label() + ": cannot start: " + e);
      System.exit(1);
      return;
    }
    LOG.info("The {} part is running", kind.label());
    stopped.await();
  }

  private static PartKind kind(String[] args) {
    if (args.length != 1) {
      return null;
    }
    try {
      return PartKind.valueOf(args[0].toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static void awaitEndOf(InputStream in) {
    byte[] buffer = new byte[64];
    try {
      while (in.read(buffer) >= 0) {
        // The launcher never writes; only the end of the stream matters.
      }
    } catch (IOException e) {
      // A broken pipe is an end too.
    }
  }
}
