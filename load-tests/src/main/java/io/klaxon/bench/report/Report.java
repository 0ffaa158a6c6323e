package io.klaxon.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.klaxon.bench.Accounting;
import io.klaxon.bench.PartFlags;
import io.klaxon.bench.Sample;
import io.klaxon.launcher.AotCache;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one benchmark run found, written as {@code report.json} (for tools) and {@code report.md}
 * (for people) plus SVG charts, in {@code <reports>/<timestamp>-<scenario>[-quick]/}. Figures are
 * grouped in named sections, each an ordered map of figure name to value.
 */
public final class Report {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final String scenario;
  private final boolean quick;
  private final Instant startedAt = Instant.now();
  private final Path dir;
  private final Map<String, Object> settings = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> sections = new LinkedHashMap<>();
  private final Map<String, Accounting> accounting = new LinkedHashMap<>();
  private final Map<String, List<Sample>> timelines = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();
  private final Map<String, String> charts = new LinkedHashMap<>();
  private final Map<String, Object> data = new LinkedHashMap<>();

  public Report(Path reportsDir, String scenario, boolean quick) throws IOException {
    this.scenario = scenario;
    this.quick = quick;
    this.dir = Files.createDirectories(reportsDir.resolve(STAMP.format(startedAt) + "-" + scenario + (quick ? "-quick" : "")));
  }

  /** The run's directory (reports, charts, and the pipeline's data and log while it runs). */
  public Path dir() {
    return dir;
  }

  public Report setting(String name, Object value) {
    settings.put(name, value);
    return this;
  }

  /** Adds (or extends) a section of figures. */
  public Report figures(String section, Map<String, ?> figures) {
    sections.computeIfAbsent(section, s -> new LinkedHashMap<>()).putAll(figures);
    return this;
  }

  public Report accounting(String pipeline, Accounting check) {
    accounting.put(pipeline, check);
    return this;
  }

  public Report timeline(String pipeline, List<Sample> samples) {
    timelines.put(pipeline, samples);
    return this;
  }

  /** Adds data for tools only (report.json's {@code data}), e.g. a per-second series that no table shows. */
  public Report data(String name, Object value) {
    data.put(name, value);
    return this;
  }

  public Report note(String text) {
    notes.add(text);
    return this;
  }

  /** Adds a chart (SVG text) written as {@code <file>}. */
  public Report chart(String file, String title, String svg) throws IOException {
    Files.writeString(dir.resolve(file), svg);
    charts.put(file, title);
    return this;
  }

  /** True when every accounting check passed. */
  public boolean accountingPassed() {
    return accounting.values().stream().allMatch(Accounting::passed);
  }

  /** Writes report.json and report.md; returns the Markdown file. */
  public Path write() throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("scenario", scenario);
    json.put("quick", quick);
    json.put("startedAt", startedAt.toString());
    json.put("machine", machine());
    json.put("settings", settings);
    json.putAll(sections);
    Map<String, Object> checks = new LinkedHashMap<>();
    accounting.forEach((name, check) -> {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("passed", check.passed());
      c.put("sent", check.sent());
      c.put("acked", check.acked());
      c.put("failedSends", check.failedSends());
      c.put("poisonSent", check.poisonSent());
      c.put("outcomes", check.outcomes());
      c.put("processed", check.processed());
      c.put("deadLetterRecords", check.deadLetterRecords());
      c.put("badSignatures", check.badSignatures());
      c.put("problems", check.problems());
      checks.put(name, c);
    });
    json.put("accounting", checks);
    json.put("accountingPassed", accountingPassed());
    json.put("notes", notes);
    json.put("charts", charts);
    json.put("timeline", timelines);
    json.put("data", data);
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    mapper.writeValue(dir.resolve("report.json").toFile(), json);
    Path markdown = dir.resolve("report.md");
    Files.writeString(markdown, markdown(json));
    return markdown;
  }

  private static Map<String, Object> machine() {
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put("memoryGiB", Math.round(((com.sun.management.OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean()).getTotalMemorySize() / (1024.0 * 1024 * 1024)));
    machine.put("jdk", Runtime.version().toString());
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    // Whether the parts started from the JDK's ahead-of-time cache (trained by an earlier run).
    machine.put("aotCache", !AotCache.fromSystem().enabled() ? "off"
        : Boolean.getBoolean(PartFlags.PROFILE_PROPERTY) ? "off for the profiled parts" : "on");
    Map<String, String> extraFlags = PartFlags.extra();
    if (!extraFlags.isEmpty()) {
      machine.put("extraJvmFlags", extraFlags);
    }
    return machine;
  }

  private String markdown(Map<String, Object> json) {
    StringBuilder md = new StringBuilder();
    md.append(scenario.startsWith("chaos-") ? "# Chaos: " + scenario.substring("chaos-".length()) : "# Benchmark: " + scenario).append(quick ? " (quick)" : "").append("\n\n");
    md.append("Started ").append(startedAt).append(" on ").append(json.get("machine")).append(".\n\n");
    md.append("## Settings\n\n");
    table(md, settings);
    sections.forEach((name, figures) -> {
      md.append("## ").append(name).append("\n\n");
      table(md, figures);
    });
    md.append("## Accounting\n\n");
    accounting.forEach((name, check) -> {
      md.append("- **").append(name).append("**: ").append(check.passed() ? "passed" : "FAILED").append(String.format(
          Locale.ROOT, " — %,d sent, %,d acknowledged, outcomes %s, %,d on the dead-letter topic (%,d poison sent)",
          check.sent(), check.acked(), check.outcomes(), check.deadLetterRecords(), check.poisonSent()));
      check.problems().forEach(p -> md.append("\n  - ").append(p));
      md.append("\n");
    });
    md.append("\n");
    if (!notes.isEmpty()) {
      md.append("## Notes\n\n");
      notes.forEach(n -> md.append("- ").append(n).append("\n"));
      md.append("\n");
    }
    if (!charts.isEmpty()) {
      md.append("## Charts\n\n");
      charts.forEach((file, title) -> md.append("![").append(title).append("](").append(file).append(")\n\n"));
    }
    return md.toString();
  }

  private static void table(StringBuilder md, Map<String, ?> figures) {
    md.append("| figure | value |\n|---|---|\n");
    figures.forEach((name, value) -> md.append("| ").append(name).append(" | ").append(format(value)).append(" |\n"));
    md.append("\n");
  }

  /** {@code numerator ÷ denominator} rounded to two decimals; NaN when the denominator is 0. */
  public static double ratio(Object numerator, Object denominator) {
    double d = ((Number) denominator).doubleValue();
    return d == 0 ? Double.NaN : Math.round(((Number) numerator).doubleValue() / d * 100) / 100.0;
  }

  /** A figure as people read it: thousands separators, at most two decimals. */
  public static String format(Object value) {
    if (value instanceof Double d) {
      return Math.abs(d) >= 100 ? String.format(Locale.ROOT, "%,.0f", d) : String.format(Locale.ROOT, "%,.2f", d);
    }
    if (value instanceof Long || value instanceof Integer) {
      return String.format(Locale.ROOT, "%,d", ((Number) value).longValue());
    }
    return String.valueOf(value);
  }
}
