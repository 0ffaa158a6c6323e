package io.klaxon.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ports handed out by {@link FreePort} in any JVM on this machine that shares the directory: each
 * is held by a lock on a file named after it, from the pick until the JVM that picked it exits (the
 * system releases the lock then, however the JVM ends). A port is picked free, but its server binds
 * it later, often in a child process that is still starting, and until then another JVM (a test
 * running beside this one, a second launcher) could pick the same port; with the lock it does not.
 * Thread-safe.
 */
final class PortReservations {
  private final Path dir;
  private final Map<Integer, FileChannel> held = new ConcurrentHashMap<>();

  PortReservations(Path dir) {
    this.dir = Objects.requireNonNull(dir, "dir");
  }

  /**
   * Takes {@code port} for this JVM: true when it now holds it, false when this or another JVM
   * already did. True also when the directory cannot be written: then the pick's bind check alone
   * decides, as it would without reservations.
   */
  boolean reserve(int port) {
    if (held.containsKey(port)) {
      return false;
    }
    FileChannel channel;
    try {
      Files.createDirectories(dir);
      channel = FileChannel.open(dir.resolve(Integer.toString(port)), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE);
    } catch (IOException | SecurityException unwritable) {
      return true;
    }
    try {
      FileLock lock = channel.tryLock();
      if (lock != null && held.putIfAbsent(port, channel) == null) {
        return true;
      }
    } catch (OverlappingFileLockException | IOException heldHere) {
      // held by this JVM already, or the lock cannot be taken: not ours
    }
    close(channel);
    return false;
  }

  private static void close(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing was held through it
    }
  }
}
