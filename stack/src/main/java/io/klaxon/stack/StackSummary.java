package io.klaxon.stack;

import io.klaxon.launcher.PipelineMetrics;
import io.klaxon.launcher.ProcessFigures;
import io.klaxon.launcher.RunMode;
import io.klaxon.streams.Outcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A snapshot of what the local stack has done, as the pipeline itself counts it: the outcomes of
 * every Streams instance, and every notifier's delivery attempts per channel (delivered, retried,
 * failed: refused for good or dead-lettered), summed over the running instances.
 *
 * @param channels by channel ({@link #CHANNELS} at least), what the notifiers did
 */
public record StackSummary(long produced, long routed, long deduplicated, long rateLimited, long deadLettered,
    Map<String, Deliveries> channels) {

  /** The channels shown, in this order. */
  static final List<String> CHANNELS = List.of("slack", "email", "webhook", "pagerduty");

  /**
   * Delivery attempts of one channel.
   *
   * @param delivered accepted by the channel
   * @param retried failed and scheduled again
   * @param failed refused for good, or dead-lettered after the retry budget
   */
  public record Deliveries(long delivered, long retried, long failed) {}

  public StackSummary {
    channels = Map.copyOf(channels);
  }

  /**
   * Reads the counters now.
   *
   * @throws IOException when a running instance does not answer
   */
  static StackSummary of(long produced, PipelineMetrics metrics) throws IOException, InterruptedException {
    Map<String, Double> outcomes = metrics.outcomes();
    Map<String, Deliveries> channels = new LinkedHashMap<>();
    Map<String, Map<String, Double>> deliveries = metrics.deliveries();
    for (String channel : CHANNELS) {
      Map<String, Double> counts = deliveries.getOrDefault(channel, Map.of());
      channels.put(channel, new Deliveries(count(counts, "delivered"), count(counts, "retry_scheduled"),
          count(counts, "failed_permanent") + count(counts, "dead_lettered")));
    }
    return new StackSummary(produced, count(outcomes, Outcome.ROUTED.tag()), count(outcomes, Outcome.DEDUPLICATED.tag()),
        count(outcomes, Outcome.RATE_LIMITED.tag()), count(outcomes, Outcome.DEAD_LETTERED.tag()), channels);
  }

  private static long count(Map<String, Double> counts, String key) {
    return Math.round(counts.getOrDefault(key, 0.0));
  }

  /** Events processed: every input that reached its outcome. */
  public long processed() {
    return routed + deduplicated + rateLimited + deadLettered;
  }

  private Deliveries channel(String name) {
    return channels.getOrDefault(name, new Deliveries(0, 0, 0));
  }

  private long failed() {
    return channels.values().stream().mapToLong(Deliveries::failed).sum();
  }

  private long retried() {
    return channels.values().stream().mapToLong(Deliveries::retried).sum();
  }

  /** One line for the live display. */
  public String line(long elapsedSeconds) {
    return String.format(Locale.ROOT,
        "%4ds  in %,7d  routed %,6d  dedup %,6d  rate-limited %,6d  dead-lettered %,5d  |  delivered: slack %,5d"
            + "  email %,5d  webhook %,5d  pagerduty %,4d  |  failed %,5d  retried %,5d",
        elapsedSeconds, processed(), routed, deduplicated, rateLimited, deadLettered, channel("slack").delivered(),
        channel("email").delivered(), channel("webhook").delivered(), channel("pagerduty").delivered(), failed(),
        retried());
  }

  /** The final table: outcomes, deliveries per channel, each process's CPU and memory, and the verdict. */
  public String table(String failure, List<ProcessFigures> processes) {
    List<String> lines = new ArrayList<>(List.of(
        "",
        "  outcome            events",
        "  -----------------  --------",
        String.format(Locale.ROOT, "  produced (demo)    %,8d", produced),
        String.format(Locale.ROOT, "  processed          %,8d", processed()),
        String.format(Locale.ROOT, "    routed           %,8d", routed),
        String.format(Locale.ROOT, "    deduplicated     %,8d", deduplicated),
        String.format(Locale.ROOT, "    rate-limited     %,8d", rateLimited),
        String.format(Locale.ROOT, "    dead-lettered    %,8d", deadLettered),
        "",
        "  channel            delivered    retried     failed",
        "  -----------------  ---------  ---------  ---------"));
    for (String channel : CHANNELS) {
      Deliveries counts = channel(channel);
      lines.add(String.format(Locale.ROOT, "  %-17s  %,9d  %,9d  %,9d", channel, counts.delivered(), counts.retried(),
          counts.failed()));
    }
    lines.addAll(processTable(processes));
    lines.add("");
    lines.add(failure == null ? "  all components healthy" : "  FAILED: " + failure);
    return String.join("\n", lines);
  }

  /**
   * A row per process: each part that runs as its own process, and this JVM (with the parts that
   * run in it, and the demo traffic).
   */
  private static List<String> processTable(List<ProcessFigures> processes) {
    List<String> lines = new ArrayList<>(List.of(
        "",
        "  process                     pid      CPU s   RSS MiB  peak MiB",
        "  -----------------------  -------  --------  --------  --------"));
    List<String> inProcess = new ArrayList<>();
    for (ProcessFigures figures : processes) {
      if (figures.mode() == RunMode.SEPARATE_PROCESS) {
        lines.add(row(figures.part(), figures));
      } else {
        inProcess.add(figures.part());
      }
    }
    String self = inProcess.isEmpty() ? "klaxon up" : "klaxon up + " + inProcess.size() + " parts";
    lines.add(row(self, ProcessFigures.ofThisProcess(self)));
    if (!inProcess.isEmpty()) {
      lines.add("    (in it: " + String.join(", ", inProcess) + ")");
    }
    return lines;
  }

  private static String row(String name, ProcessFigures figures) {
    return String.format(Locale.ROOT, "  %-23s  %7d  %8.1f  %8.0f  %8.0f", name, figures.pid(), figures.cpuSeconds(),
        figures.rssMiB(), figures.peakRssMiB());
  }
}
