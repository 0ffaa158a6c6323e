package io.klaxon.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM flags of a part the harness starts as its own process: its heap and, with {@code
 * --profile} (system property {@value #PROFILE_PROPERTY}{@code =true}), a JFR recording with the
 * {@code profile} settings to {@code <dir>/<name>.jfr} (written when the part exits) and a GC log
 * to {@code <dir>/<name>-gc.log} (pauses, phases and heap sizes, with uptime stamps to line them
 * up with the per-second figures).
 */
public final class PartFlags {
  /** The system property {@code --profile} sets. */
  public static final String PROFILE_PROPERTY = "klaxon.bench.profile";

  private PartFlags() {}

  /** The flags of the part {@code name}, with its {@code heap} flag (e.g. {@code -Xmx2g}). */
  public static List<String> of(Path dir, String name, String heap) {
    List<String> flags = new ArrayList<>(List.of(heap));
    if (Boolean.getBoolean(PROFILE_PROPERTY)) {
      flags.add("-XX:StartFlightRecording=filename=" + dir.resolve(name + ".jfr").toAbsolutePath()
          + ",settings=profile,dumponexit=true");
      flags.add("-Xlog:gc*,safepoint:file=" + dir.resolve(name + "-gc.log").toAbsolutePath()
          + ":uptime,time,level,tags");
    }
    return flags;
  }
}
