package io.klaxon.streams.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * What an instance that did not stop cleanly leaves in its state directory, cleared before Kafka
 * Streams starts. Under exactly-once, a store that was open when the instance died may hold writes
 * of a transaction that was aborted, so Kafka Streams opens every task's stores at start, finds them
 * so, wipes them and restores them from their changelogs. Opening them only to wipe them took about
 * a second a task (fourteen stores each) on a busy machine, on the start's critical path. An
 * instance marks its state directory while it runs ({@link #MARK}) and removes the mark when it
 * closes cleanly; at a start that finds the mark, under exactly-once, the task directories go at
 * once. The process id (which keeps its transactional id and group identity) and the global
 * stores stay. Not thread-safe: one per instance.
 */
final class UncleanStart {
  /** The file that says an instance runs on this state directory (removed when it closes cleanly). */
  static final String MARK = "klaxon-running";
  /** Kafka Streams' task directories: {@code <subtopology>_<partition>}. */
  private static final Pattern TASK = Pattern.compile("\\d+_\\d+");
  /** The file Kafka Streams locks while an instance uses the directory. */
  private static final String LOCK = ".lock";

  private final Path appDir;

  private UncleanStart(Path appDir) {
    this.appDir = appDir;
  }

  /**
   * Prepares {@code appDir} (the state directory's {@code <application id>} directory) for a start:
   * when the mark of an earlier run is there and {@code exactlyOnce}, deletes its task directories
   * and tells {@code log} so; then marks the directory. Nothing is deleted while another process
   * holds the directory's lock.
   */
  static UncleanStart prepare(Path appDir, boolean exactlyOnce, Consumer<String> log) {
    try {
      Files.createDirectories(appDir);
      Path mark = appDir.resolve(MARK);
      if (exactlyOnce && Files.exists(mark)) {
        int deleted = deleteTasksUnlessLocked(appDir);
        if (deleted > 0) {
          log.accept("The last run of this instance did not stop cleanly: deleted its " + deleted + " task"
              + " directories, whose stores exactly-once would wipe anyway, so they are restored from their"
              + " changelogs without being opened first");
        } else if (deleted < 0) {
          log.accept("The state directory " + appDir + " is locked by another instance: its task directories stay");
        }
      }
      Files.writeString(mark, Long.toString(ProcessHandle.current().pid()));
      return new UncleanStart(appDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the state directory " + appDir, e);
    }
  }

  /** The instance closed cleanly: its stores are closed, and the next start may open them. */
  void closedCleanly() {
    try {
      Files.deleteIfExists(appDir.resolve(MARK));
    } catch (IOException e) {
      // The next start then deletes task directories Kafka Streams could have kept: slower, never wrong.
    }
  }

  /** Deletes the task directories; -1 when another process holds the directory's lock. */
  private static int deleteTasksUnlessLocked(Path appDir) throws IOException {
    try (FileChannel channel = FileChannel.open(appDir.resolve(LOCK), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE); FileLock lock = channel.tryLock()) {
      if (lock == null) {
        return -1;
      }
      int deleted = 0;
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(appDir,
          entry -> Files.isDirectory(entry) && TASK.matcher(entry.getFileName().toString()).matches())) {
        for (Path task : entries) {
          deleteTree(task);
          deleted++;
        }
      }
      return deleted;
    } catch (OverlappingFileLockException e) {
      // This JVM holds it: another instance in the same process uses the directory (two instances
      // on one directory is a mistake Kafka Streams refuses too).
      return -1;
    }
  }

  private static void deleteTree(Path root) throws IOException {
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
