package io.klaxon.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a scenario runs: quick or full, the seed, the number of tenants, the processing guarantee,
 * optional overrides of the scenario's rate, duration and event count (null keeps its default), and settings
 * of the pipeline's parts ({@code streams.NAME} or {@code notifier.NAME} environment variables of a
 * component), whether the tenants' routes group their alerts ({@link BenchTenants#GROUPING}; the
 * ceiling scenario measures what grouping costs), and how many Streams instances and notifiers the
 * load scenarios ({@code steady}, {@code max}, {@code storm}, {@code eos-vs-alos}) run, each its own
 * process, and whether {@code steady} and {@code eos-vs-alos} also run the skeleton at the same rate
 * as a reference.
 */
public record BenchOptions(boolean quick, long seed, int tenants, String guarantee, Double rateOverride,
    Duration durationOverride, Long eventsOverride, Map<String, String> pipelineSettings, boolean grouped,
    int streamsInstances, int notifiers, boolean skeletonReference) {

  public BenchOptions {
    pipelineSettings = Map.copyOf(pipelineSettings);
    if (streamsInstances < 1 || notifiers < 1) {
      throw new IllegalArgumentException("at least one Streams instance and one notifier, got " + streamsInstances
          + " and " + notifiers);
    }
  }

  /** Options with one Streams instance and one notifier, and the skeleton's reference run. */
  public BenchOptions(boolean quick, long seed, int tenants, String guarantee, Double rateOverride,
      Duration durationOverride, Long eventsOverride, Map<String, String> pipelineSettings, boolean grouped) {
    this(quick, seed, tenants, guarantee, rateOverride, durationOverride, eventsOverride, pipelineSettings, grouped, 1, 1,
        true);
  }

  /** The parts' settings for a processing guarantee, plus the user's settings. */
  public Map<String, String> pipeline(String processingGuarantee) {
    Map<String, String> out = new HashMap<>(pipelineSettings);
    out.put("streams.PROCESSING_GUARANTEE", processingGuarantee);
    return out;
  }

  /**
   * The variables of one component among settings named {@code <component>.NAME}: {@code
   * variablesOf(settings, "streams.")} gives the Streams app's, without the prefix.
   */
  public static Map<String, String> variablesOf(Map<String, String> settings, String prefix) {
    Map<String, String> out = new LinkedHashMap<>();
    settings.forEach((key, value) -> {
      if (key.startsWith(prefix)) {
        out.put(key.substring(prefix.length()), value);
      }
    });
    return out;
  }

  /** The scenario's rate: the override, else its full or quick default. */
  public double rate(double full, double quickRate) {
    return rateOverride != null ? rateOverride : quick ? quickRate : full;
  }

  /** The scenario's duration: the override, else its full or quick default. */
  public Duration duration(Duration full, Duration quickDuration) {
    return durationOverride != null ? durationOverride : quick ? quickDuration : full;
  }

  /** The scenario's event count: the override, else its full or quick default. */
  public long events(long full, long quickCount) {
    return eventsOverride != null ? eventsOverride : quick ? quickCount : full;
  }

  /** The least time load runs before measuring starts (the JIT and the caches warm up). */
  public Duration warmUp() {
    return quick ? Duration.ofSeconds(6) : Duration.ofSeconds(30);
  }

  /** The most time load runs before measuring starts, caught up or not. */
  public Duration maxWarmUp() {
    return quick ? Duration.ofSeconds(20) : Duration.ofSeconds(180);
  }
}
