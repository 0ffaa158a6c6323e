package io.klaxon.launcher;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the pipeline says it did, summed over every running Streams instance and notifier of a
 * launcher (scraped from their {@code /metrics}): outcomes from {@code klaxon_streams_outcomes_total},
 * delivery attempts by channel and outcome from {@code klaxon_notifier_deliveries_total}. A part
 * that is not running (stopped, killed) counts nothing; its counters died with it. Thread-safe.
 */
public final class PipelineMetrics implements AutoCloseable {
  /** Every input record's outcome, by {@code outcome} tag. */
  public static final String OUTCOMES = "klaxon_streams_outcomes_total";
  /** Every delivery attempt, by {@code channel} and {@code outcome} tags. */
  public static final String DELIVERIES = "klaxon_notifier_deliveries_total";
  /** The notifier's delivery outcomes, as its metrics tag them. */
  public static final List<String> DELIVERY_OUTCOMES = List.of("delivered", "retry_scheduled", "failed_permanent",
      "dead_lettered");

  private final Launcher launcher;
  private final MetricsScraper scraper = new MetricsScraper();

  public PipelineMetrics(Launcher launcher) {
    this.launcher = launcher;
  }

  /**
   * Sums of a Streams metric by one tag, over every running Streams instance.
   *
   * @throws IOException when a running instance does not answer
   */
  public Map<String, Double> streams(String metric, String tag, Map<String, String> where)
      throws IOException, InterruptedException {
    return sum(PartKind.STREAMS, metric, tag, where);
  }

  /**
   * Sums of a notifier metric by one tag, over every running notifier.
   *
   * @throws IOException when a running notifier does not answer
   */
  public Map<String, Double> notifiers(String metric, String tag, Map<String, String> where)
      throws IOException, InterruptedException {
    return sum(PartKind.NOTIFIER, metric, tag, where);
  }

  /** Input records by outcome (routed, deduplicated, rate_limited, dead_lettered, rekeyed...). */
  public Map<String, Double> outcomes() throws IOException, InterruptedException {
    return streams(OUTCOMES, "outcome", Map.of());
  }

  /** Delivery attempts: channel → outcome ({@link #DELIVERY_OUTCOMES}) → count. */
  public Map<String, Map<String, Double>> deliveries() throws IOException, InterruptedException {
    Map<String, Map<String, Double>> out = new TreeMap<>();
    for (Part part : launcher.deployment().parts(PartKind.NOTIFIER)) {
      if (!launcher.alive(part.name())) {
        continue;
      }
      String page = scraper.scrape(MetricsScraper.only(part.url("http") + "/metrics", DELIVERIES));
      for (String outcome : DELIVERY_OUTCOMES) {
        MetricsScraper.parseSums(page, DELIVERIES, "channel", Map.of("outcome", outcome)).forEach((channel, count) ->
            out.computeIfAbsent(channel, c -> new LinkedHashMap<>()).merge(outcome, count, Double::sum));
      }
    }
    return out;
  }

  private Map<String, Double> sum(PartKind kind, String metric, String tag, Map<String, String> where)
      throws IOException, InterruptedException {
    Map<String, Double> out = new TreeMap<>();
    for (Part part : launcher.deployment().parts(kind)) {
      if (launcher.alive(part.name())) {
        scraper.sumBy(part.url("http") + "/metrics", metric, tag, where).forEach((k, v) -> out.merge(k, v, Double::sum));
      }
    }
    return out;
  }

  @Override
  public void close() {
    scraper.close();
  }
}
