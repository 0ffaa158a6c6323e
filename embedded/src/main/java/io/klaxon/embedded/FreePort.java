package io.klaxon.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Picks a TCP port that is free on 127.0.0.1 at the time of the call. Used where the port must be
 * known before the server binds (the KRaft controller's address is part of its own configuration;
 * a launcher hands every component its address before any of them starts). Another process may
 * take the port in between; callers get a bind error then, never a wrong bind.
 */
public final class FreePort {
  private FreePort() {}

  /** A port free on 127.0.0.1 right now. */
  public static int pick() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(Loopback.HOST))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port on " + Loopback.HOST, e);
    }
  }

  /** Returns {@code requested} when it is not 0, otherwise a port free on 127.0.0.1 right now. */
  public static int orPick(int requested) {
    if (requested < 0 || requested > 65535) {
      throw new IllegalArgumentException("Port must be 0 (pick one) or 1-65535, got " + requested);
    }
    return requested != 0 ? requested : pick();
  }
}
