package io.klaxon.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;

/**
 * The on-disk state of a one-node KRaft cluster: a data directory holding the log directory, the
 * generated {@code server.properties}, and a {@code cluster.id} file so that a reused directory is
 * started with the id it was formatted with. Formats the log directory only when it has never been
 * formatted; formatting an existing directory with another id would make the broker refuse to start.
 *
 * <p>Not thread-safe; used by one {@link EmbeddedKafkaBroker} while it starts.
 */
final class KraftStorage {
  private static final String CLUSTER_ID_FILE = "cluster.id";
  private static final String CONFIG_FILE = "server.properties";
  private static final String LOG_DIR = "kraft-logs";

  private final Path dataDir;

  KraftStorage(Path dataDir) {
    this.dataDir = dataDir.toAbsolutePath();
  }

  /** Where the broker keeps its logs and metadata. */
  Path logDir() {
    return dataDir.resolve(LOG_DIR);
  }

  /** The cluster id kept in the data directory, created and stored on first use. */
  String clusterId() {
    Path file = dataDir.resolve(CLUSTER_ID_FILE);
    try {
      Files.createDirectories(dataDir);
      if (Files.exists(file)) {
        String id = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (id.isEmpty()) {
          throw new IllegalStateException("Cluster id file " + file + " is empty; remove the data directory "
              + dataDir + " to start a new cluster");
        }
        return id;
      }
      // A directory formatted before the id file existed keeps the id it was formatted with.
      String id = isFormatted() ? formattedClusterId() : Uuid.randomUuid().toString();
      Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
      return id;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or write the cluster id in " + file, e);
    }
  }

  private String formattedClusterId() throws IOException {
    Properties meta = new Properties();
    try (var in = Files.newBufferedReader(logDir().resolve("meta.properties"), StandardCharsets.UTF_8)) {
      meta.load(in);
    }
    String id = meta.getProperty("cluster.id");
    if (id == null || id.isBlank()) {
      throw new IllegalStateException("No cluster.id in " + logDir().resolve("meta.properties"));
    }
    return id.strip();
  }

  /** True when the log directory already carries KRaft metadata ({@code meta.properties}). */
  boolean isFormatted() {
    return Files.exists(logDir().resolve("meta.properties"));
  }

  /**
   * Formats the log directory for {@code clusterId} with the broker's own configuration, unless it
   * is formatted already.
   *
   * @throws IllegalStateException when the storage tool refuses, with its output
   */
  void formatIfNeeded(String clusterId, Properties brokerConfig) {
    if (isFormatted()) {
      return;
    }
    Path config = dataDir.resolve(CONFIG_FILE);
    try {
      Files.createDirectories(logDir());
      try (var out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
        brokerConfig.store(out, "Generated for the embedded broker; rewritten on every format");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + config, e);
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int status;
    try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      status = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", config.toString()}, print);
    } catch (RuntimeException e) {
      throw new IllegalStateException("Formatting " + logDir() + " failed: " + e.getMessage()
          + " " + output.toString(StandardCharsets.UTF_8), e);
    }
    if (status != 0) {
      throw new IllegalStateException("Formatting " + logDir() + " failed with status " + status + ": "
          + output.toString(StandardCharsets.UTF_8));
    }
  }
}
