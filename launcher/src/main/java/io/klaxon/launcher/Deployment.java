package io.klaxon.launcher;

import io.klaxon.embedded.TopicSpec;
import io.klaxon.launcher.parts.BrokerPart;
import io.klaxon.launcher.parts.StreamsPart;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What to run: the parts, in start order, and where they keep their files. {@link LocalDeployment}
 * builds Klaxon's usual one; {@link Launcher} runs it. Immutable.
 *
 * <p>Files under {@code dir}: {@code logs/<part>.log} (the output of a part that runs as its own
 * process), {@code pids/<part>.pid}, and the data directories the parts' environments name (the
 * broker's {@code BROKER_DATA_DIR}, each Streams instance's {@code STATE_DIR}).
 *
 * @param dir the deployment's directory
 * @param keepData whether data survives {@link Launcher#close()} (a local stack reused by the next
 *     run) or is deleted then (a benchmark's or a test's)
 * @param bootstrapServers how clients reach the broker
 * @param registryUrl how clients reach the schema registry
 * @param topics created once the broker is ready (existing ones are left as they are)
 * @param parts every part, names unique
 */
public record Deployment(Path dir, boolean keepData, String bootstrapServers, String registryUrl,
    List<TopicSpec> topics, List<Part> parts) {

  public Deployment {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(registryUrl, "registryUrl");
    topics = List.copyOf(topics);
    parts = List.copyOf(parts);
    Set<String> names = new HashSet<>();
    for (Part part : parts) {
      if (!names.add(part.name())) {
        throw new IllegalArgumentException("two parts are named " + part.name());
      }
    }
  }

  /**
   * The part of that name.
   *
   * @throws IllegalArgumentException when there is none
   */
  public Part part(String name) {
    return parts.stream().filter(p -> p.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no part named " + name + " (parts: "
            + parts.stream().map(Part::name).toList() + ")"));
  }

  /** The parts of one kind, in order. */
  public List<Part> parts(PartKind kind) {
    return parts.stream().filter(p -> p.kind() == kind).toList();
  }

  /**
   * The same deployment with {@code variables} added to (or replacing) the environment of every
   * part of {@code kind}: for settings that depend on the deployment's own addresses.
   */
  public Deployment withEnv(PartKind kind, Map<String, String> variables) {
    List<Part> changed = new ArrayList<>();
    for (Part part : parts) {
      if (part.kind() != kind) {
        changed.add(part);
        continue;
      }
      Map<String, String> env = new LinkedHashMap<>(part.env());
      env.putAll(variables);
      changed.add(new Part(part.name(), part.kind(), part.mode(), env, part.jvmFlags(), part.ports(), part.health()));
    }
    return new Deployment(dir, keepData, bootstrapServers, registryUrl, topics, changed);
  }

  /** Where a part that runs as its own process writes its output. */
  public Path logFile(String part) {
    return dir.resolve("logs").resolve(part + ".log");
  }

  /** Where the pid of a part that runs as its own process is kept while it runs. */
  public Path pidFile(String part) {
    return dir.resolve("pids").resolve(part + ".pid");
  }

  /** The data directories named in the parts' environments. */
  public List<Path> dataDirs() {
    List<Path> out = new ArrayList<>();
    for (Part part : parts) {
      for (String variable : List.of(BrokerPart.DATA_DIR, StreamsPart.STATE_DIR)) {
        String value = part.env().get(variable);
        if (value != null) {
          out.add(Path.of(value));
        }
      }
    }
    return out;
  }
}
