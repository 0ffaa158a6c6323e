package io.klaxon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The harness's side of a {@link PipelineProcess}: starts it as a child JVM with the harness's
 * class path, waits for its readiness line, knows its addresses and pid, and stops it by closing
 * its standard input (then by pid if it does not exit). Its output goes to {@code pipeline.log} in
 * the run directory. With the system property {@code klaxon.bench.profile=true} the child records
 * a JFR profile to {@code pipeline.jfr} there.
 */
public final class PipelineHandle implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final JsonNode addresses;
  private final ProcessSampler sampler;

  private PipelineHandle(Process process, JsonNode addresses) {
    this.process = process;
    this.addresses = addresses;
    this.sampler = new ProcessSampler(process.pid());
  }

  /**
   * Starts the pipeline.
   *
   * @param workDir the run's directory (data and log go under it)
   * @param arguments {@link PipelineProcess} arguments besides {@code work}
   * @param heap the child's maximum heap, e.g. {@code 2g}
   */
  public static PipelineHandle start(Path workDir, Map<String, String> arguments, String heap)
      throws IOException, InterruptedException {
    Files.createDirectories(workDir);
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx" + heap);
    command.add("-XX:+UseG1GC");
    command.add("--enable-native-access=ALL-UNNAMED");
    if (Boolean.getBoolean("klaxon.bench.profile")) {
      command.add("-XX:StartFlightRecording=filename=" + workDir.resolve("pipeline.jfr").toAbsolutePath()
          + ",settings=profile,dumponexit=true");
    }
    command.add("-Dklaxon.logDir=" + workDir.toAbsolutePath());
    if (Runtime.version().feature() >= 24) {
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(PipelineProcess.class.getName());
    command.add("work=" + workDir.resolve("pipeline-data").toAbsolutePath());
    arguments.forEach((name, value) -> command.add(name + "=" + value));
    Path log = workDir.resolve("pipeline.log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    try (OutputStream logFile = Files.newOutputStream(log)) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith(PipelineProcess.READY)) {
          JsonNode addresses = JSON.readTree(line.substring(PipelineProcess.READY.length()));
          Thread.ofVirtual().start(() -> copy(out, log));
          return new PipelineHandle(process, addresses);
        }
        logFile.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    process.waitFor(10, TimeUnit.SECONDS);
    throw new IllegalStateException("the pipeline process exited before it was ready (exit "
        + (process.isAlive() ? "none" : process.exitValue()) + "); see " + log);
  }

  private static void copy(BufferedReader out, Path log) {
    try (OutputStream logFile = Files.newOutputStream(log, java.nio.file.StandardOpenOption.APPEND)) {
      String line;
      while ((line = out.readLine()) != null) {
        logFile.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      // The process is gone; nothing more to copy.
    }
  }

  public String bootstrapServers() {
    return addresses.path("bootstrap").asText();
  }

  public String registryUrl() {
    return addresses.path("registry").asText();
  }

  public String streamsOps() {
    return addresses.path("streamsOps").asText();
  }

  public String notifierOps() {
    return addresses.path("notifierOps").asText();
  }

  public long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** CPU time and memory of the pipeline process. */
  public ProcessSampler sampler() {
    return sampler;
  }

  @Override
  public void close() throws InterruptedException {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // Already closed: the process is exiting.
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
