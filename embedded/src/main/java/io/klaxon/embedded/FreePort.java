package io.klaxon.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks a TCP port that is free on 127.0.0.1 at the time of the call. Used where the port must be
 * known before the server binds (the KRaft controller's address is part of its own configuration;
 * a launcher hands every component its address before any of them starts). Another process may
 * take the port in between; callers get a bind error then, never a wrong bind.
 *
 * <p>The port comes from below the system's ephemeral range (Linux: {@code
 * /proc/sys/net/ipv4/ip_local_port_range}, 32768–60999 by default) where there is room: the
 * system hands ports of that range to every outgoing connection, so a port picked there can be
 * taken by one of the many client connections a pipeline opens before its server binds. Where the
 * range cannot be read or leaves no room, the system picks one (port 0).
 *
 * <p>A port picked below the ephemeral range is also reserved ({@link PortReservations}, a file
 * lock under {@code java.io.tmpdir}/klaxon-ports) until this JVM exits, so no other JVM on the
 * machine that picks through this class gets it before its server has bound it, and this JVM does
 * not hand it out twice.
 */
public final class FreePort {
  /** The lowest port picked below the ephemeral range, clear of the usual fixed service ports. */
  static final int LOWEST = 20_000;
  private static final int TRIES = 100;
  /** Read once: the range is the system's setting, not something that changes under a running JVM. */
  private static final Optional<Integer> EPHEMERAL_START =
      ephemeralStart(Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
  private static final PortReservations RESERVATIONS =
      new PortReservations(Path.of(System.getProperty("java.io.tmpdir"), "klaxon-ports"));

  private FreePort() {}

  /** A port free on 127.0.0.1 right now, below the ephemeral range where there is room. */
  public static int pick() {
    return pick(EPHEMERAL_START);
  }

  /**
   * A port free on 127.0.0.1 right now: one of {@code [LOWEST, ephemeralStart)} at random when that
   * is not empty and one of {@link #TRIES} tries binds, otherwise one the system picks.
   */
  static int pick(Optional<Integer> ephemeralStart) {
    return pick(ephemeralStart, RESERVATIONS);
  }

  /** As {@link #pick(Optional)}, a port below the range also reserved in {@code reservations}. */
  static int pick(Optional<Integer> ephemeralStart, PortReservations reservations) {
    InetAddress loopback = loopback();
    if (ephemeralStart.isPresent() && ephemeralStart.get() > LOWEST) {
      for (int i = 0; i < TRIES; i++) {
        int port = ThreadLocalRandom.current().nextInt(LOWEST, ephemeralStart.get());
        try (ServerSocket socket = new ServerSocket(port, 1, loopback)) {
          if (reservations.reserve(socket.getLocalPort())) {
            return socket.getLocalPort();
          }
        } catch (IOException taken) {
          // in use: try another
        }
      }
    }
    try (ServerSocket socket = new ServerSocket(0, 1, loopback)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port on " + Loopback.HOST, e);
    }
  }

  /** The first port of the ephemeral range {@code file} gives ("low high"), if it can be read. */
  static Optional<Integer> ephemeralStart(Path file) {
    // Read as a line: Files.readString stops after the first byte of this /proc file, whose size
    // reads as 0.
    try (BufferedReader reader = Files.newBufferedReader(file)) {
      String line = reader.readLine();
      int end = 0;
      while (line != null && end < line.length() && Character.isDigit(line.charAt(end))) {
        end++;
      }
      int low = Integer.parseInt(line == null ? "" : line.substring(0, end));
      return low > 0 && low <= 65535 ? Optional.of(low) : Optional.empty();
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  /**
   * A port free on 127.0.0.1 right now that is none of {@code taken}: a port just picked and not
   * bound yet is still free, so two picks in a row can give the same port.
   */
  public static int pickOtherThan(Collection<Integer> taken) {
    return pickOtherThan(taken, EPHEMERAL_START);
  }

  static int pickOtherThan(Collection<Integer> taken, Optional<Integer> ephemeralStart) {
    int port = pick(ephemeralStart);
    while (taken.contains(port)) {
      port = pick(ephemeralStart);
    }
    return port;
  }

  /** Returns {@code requested} when it is not 0, otherwise a port free on 127.0.0.1 right now. */
  public static int orPick(int requested) {
    if (requested < 0 || requested > 65535) {
      throw new IllegalArgumentException("Port must be 0 (pick one) or 1-65535, got " + requested);
    }
    return requested != 0 ? requested : pick();
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByName(Loopback.HOST);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot resolve " + Loopback.HOST, e);
    }
  }
}
