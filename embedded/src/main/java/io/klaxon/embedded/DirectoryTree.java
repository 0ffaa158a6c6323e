package io.klaxon.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deletes a directory with everything below it: temporary broker data, a deployment's data. Stateless. */
public final class DirectoryTree {
  private DirectoryTree() {}

  /**
   * Deletes {@code dir} and everything below it; nothing happens when it does not exist.
   *
   * @throws UncheckedIOException when something cannot be deleted
   */
  public static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + dir, e);
    }
  }
}
