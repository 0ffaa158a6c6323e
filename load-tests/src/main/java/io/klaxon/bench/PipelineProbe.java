package io.klaxon.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What the pipeline says about itself: the Streams app's consumer lag on the alerts topic (end
 * offsets minus the application's committed offsets) and counters from the components'
 * Prometheus {@code /metrics}.
 */
public final class PipelineProbe implements AutoCloseable {
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)");

  private final Admin admin;
  private final String applicationId;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public PipelineProbe(String bootstrapServers, String applicationId) {
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    this.applicationId = applicationId;
  }

  /** Records on the alerts topic the Streams app has not committed yet; -1 when unknown. */
  public long lag() {
    try {
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
          .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
      Set<TopicPartition> partitions = admin.describeTopics(Set.of(PipelineProcess.ALERTS)).allTopicNames()
          .get(5, TimeUnit.SECONDS).get(PipelineProcess.ALERTS).partitions().stream()
          .map(p -> new TopicPartition(PipelineProcess.ALERTS, p.partition())).collect(Collectors.toSet());
      var ends = admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
          .all().get(5, TimeUnit.SECONDS);
      long lag = 0;
      for (TopicPartition partition : partitions) {
        OffsetAndMetadata done = committed.get(partition);
        lag += ends.get(partition).offset() - (done == null ? 0 : done.offset());
      }
      return lag;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return -1;
    }
  }

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
    admin.close(Duration.ofSeconds(5));
  }
}
