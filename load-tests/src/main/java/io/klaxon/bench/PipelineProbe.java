package io.klaxon.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the pipeline says about itself: counters from the components' Prometheus {@code /metrics}. */
public final class PipelineProbe implements AutoCloseable {
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * Sums of a counter from a {@code /metrics} page, by the value of one tag (all samples of the
   * metric whose other tags match {@code where}).
   */
  public Map<String, Double> sumBy(String metricsUrl, String metric, String tag, Map<String, String> where)
      throws IOException, InterruptedException {
    String text = http.send(HttpRequest.newBuilder(URI.create(metricsUrl)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    return parseSums(text, metric, tag, where);
  }

  static Map<String, Double> parseSums(String text, String metric, String tag, Map<String, String> where) {
    Map<String, Double> out = new TreeMap<>();
    for (String line : text.split("\n")) {
      Matcher m = SAMPLE.matcher(line);
      if (!m.find() || !m.group(1).equals(metric)) {
        continue;
      }
      Map<String, String> tags = tags(m.group(2));
      if (where.entrySet().stream().anyMatch(e -> !e.getValue().equals(tags.get(e.getKey())))) {
        continue;
      }
      out.merge(tags.getOrDefault(tag, ""), Double.parseDouble(m.group(3)), Double::sum);
    }
    return out;
  }

  private static Map<String, String> tags(String braces) {
    Map<String, String> tags = new HashMap<>();
    if (braces == null) {
      return tags;
    }
    Matcher m = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(braces);
    while (m.find()) {
      tags.put(m.group(1), m.group(2));
    }
    return tags;
  }

  /** The Streams app's outcome counts (routed, deduplicated, rate_limited, dead_lettered, rekeyed). */
  public Map<String, Double> outcomes(String streamsOps) throws IOException, InterruptedException {
    return sumBy(streamsOps + "/metrics", "klaxon_streams_outcomes_total", "outcome", Map.of());
  }

  @Override
  public void close() {
    http.close();
  }
}
