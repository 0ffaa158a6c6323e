package io.klaxon.launcher;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One component of a {@link Deployment}, described completely enough to start it in either
 * {@link RunMode}: what it is, how it is configured (environment variables, the only configuration
 * a part gets), the flags of its JVM when it runs on its own, where it listens and where it says
 * whether it is ready. Immutable.
 *
 * @param name unique within the deployment, e.g. {@code broker}, {@code streams-2}; names its log
 *     file and pid file
 * @param kind what runs, and its entry point
 * @param mode in the launcher's JVM or as its own process
 * @param env the part's environment variables; a separate process gets these and nothing else of
 *     the launcher's environment (apart from PATH, HOME, LANG, LC_ALL, TZ, TMPDIR and USER)
 * @param jvmFlags flags of the part's JVM, e.g. {@code -Xmx1g} (only used as a separate process)
 * @param ports what the part listens on, by role ({@code kafka}, {@code http}, {@code inbox}...), on
 *     127.0.0.1; fixed before it starts, so a restarted part comes back at the same addresses
 * @param health its readiness URL, answering 200 when ready ({@code /health/ready})
 */
public record Part(String name, PartKind kind, RunMode mode, Map<String, String> env, List<String> jvmFlags,
    Map<String, Integer> ports, URI health) {
  /**
   * The launcher's environment variable whose blank-separated JVM flags every part it starts as its
   * own process gets after the part's own {@code jvmFlags}, e.g. {@code -XX:TieredStopAtLevel=1}
   * for the integration tests' parts: they live a minute or two, too short for the C2 compiler's
   * work to pay off on a busy machine.
   */
  public static final String EVERY_PART_FLAGS = "KLAXON_PART_JVM_FLAGS";

  public Part {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(health, "health");
    env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    jvmFlags = List.copyOf(jvmFlags);
    ports = Collections.unmodifiableMap(new LinkedHashMap<>(ports));
  }

  /**
   * The port of a role.
   *
   * @throws IllegalArgumentException when the part has no such port
   */
  public int port(String role) {
    Integer port = ports.get(role);
    if (port == null) {
      throw new IllegalArgumentException("part " + name + " has no " + role + " port (it has " + ports.keySet() + ")");
    }
    return port;
  }

  /** {@code http://127.0.0.1:<port>} of a role. */
  public String url(String role) {
    return "http://127.0.0.1:" + port(role);
  }
}
