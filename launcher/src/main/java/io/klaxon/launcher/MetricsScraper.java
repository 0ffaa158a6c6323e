package io.klaxon.launcher;

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

/**
 * Reads counters from a Prometheus {@code /metrics} page (text exposition format), summed by the
 * value of one tag. Thread-safe.
 */
public final class MetricsScraper implements AutoCloseable {
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * Sums of a counter from a {@code /metrics} page, by the value of one tag (all samples of the
   * metric whose other tags match {@code where}). Only that metric is asked for ({@link #only}).
   */
  public Map<String, Double> sumBy(String metricsUrl, String metric, String tag, Map<String, String> where)
      throws IOException, InterruptedException {
    return parseSums(scrape(only(metricsUrl, metric)), metric, tag, where);
  }

  /**
   * {@code metricsUrl} asking for {@code metric} alone ({@code ?name[]=metric}, URL-encoded): a
   * Klaxon service then renders that metric rather than its whole page, which for a Streams app is
   * about 2 MB. A server that ignores the parameter answers with the whole page, which parses the same.
   */
  public static String only(String metricsUrl, String metric) {
    return metricsUrl + (metricsUrl.contains("?") ? "&" : "?") + "name%5B%5D=" + metric;
  }

  /**
   * The page at {@code metricsUrl}.
   *
   * @throws IOException when it does not answer 200 within 10 s
   */
  public String scrape(String metricsUrl) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(metricsUrl))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(metricsUrl + " answered " + response.statusCode());
    }
    return response.body();
  }

  /** The sums of {@link #sumBy} from a page already read. */
  public static Map<String, Double> parseSums(String text, String metric, String tag, Map<String, String> where) {
    Map<String, Double> out = new TreeMap<>();
    for (String line : text.split("\n", -1)) {
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

  @Override
  public void close() {
    http.close();
  }
}
