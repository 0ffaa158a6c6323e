package io.klaxon.bench;

import io.klaxon.launcher.Part;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The JVM flags of a part the harness starts as its own process: its heap and, with {@code
 * --profile} (system property {@value #PROFILE_PROPERTY}{@code =true}), a JFR recording with the
 * {@code profile} settings to {@code <dir>/<name>.jfr} (written when the part exits) and a GC log
 * to {@code <dir>/<name>-gc.log} (pauses, phases and heap sizes, with uptime stamps to line them
 * up with the per-second figures), and whatever {@value #EXTRA} and {@value #EXTRA}{@code _<NAME>}
 * add (blank-separated).
 */
public final class PartFlags {
  /** The system property {@code --profile} sets. */
  public static final String PROFILE_PROPERTY = "klaxon.bench.profile";

  /** Flags added to every part's; {@code <this>_<PART>} (e.g. {@code _NOTIFIER}) adds to one part's. */
  public static final String EXTRA = "KLAXON_BENCH_JVM_FLAGS";
  private static final Pattern BLANKS = Pattern.compile("\\s+");

  private PartFlags() {}

  /**
   * The extra flags the environment asks for, by variable, for the report; empty when none. The
   * launcher's {@link Part#EVERY_PART_FLAGS} is listed too: it adds to every part's.
   */
  public static Map<String, String> extra() {
    Map<String, String> set = new TreeMap<>();
    System.getenv().forEach((variable, value) -> {
      if ((variable.equals(EXTRA) || variable.startsWith(EXTRA + "_") || variable.equals(Part.EVERY_PART_FLAGS))
          && !value.isBlank()) {
        set.put(variable, value.strip());
      }
    });
    return set;
  }

  /** The flags of the part {@code name}, with its {@code heap} flag (e.g. {@code -Xmx2g}). */
  public static List<String> of(Path dir, String name, String heap) {
    List<String> flags = new ArrayList<>(List.of(heap));
    Map<String, String> extra = extra();
    for (String variable : List.of(EXTRA, EXTRA + "_" + name.toUpperCase(Locale.ROOT))) {
      if (extra.containsKey(variable)) {
        flags.addAll(List.of(BLANKS.split(extra.get(variable))));
      }
    }
    if (Boolean.getBoolean(PROFILE_PROPERTY)) {
      flags.add("-XX:StartFlightRecording=filename=" + dir.resolve(name + ".jfr").toAbsolutePath()
          + ",settings=profile,dumponexit=true");
      flags.add("-Xlog:gc*,safepoint:file=" + dir.resolve(name + "-gc.log").toAbsolutePath()
          + ":uptime,time,level,tags");
    }
    return flags;
  }
}
