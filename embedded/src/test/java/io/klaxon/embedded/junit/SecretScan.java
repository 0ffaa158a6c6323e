package io.klaxon.embedded.junit;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Checks that known secret values appear nowhere in what a run leaves behind: log lines, records
 * on topics (keys, values and headers, as raw bytes), HTTP answers (status line, headers, body) and
 * metric pages. Each secret is looked for as written, Base64-encoded (standard and URL-safe, with
 * and without padding) and percent-encoded, so a leak through an {@code Authorization} header echo
 * or a URL is caught too. A secret of fewer than 8 characters is refused: it would match by
 * accident.
 *
 * <p>Findings name the secret and where it was seen, never the secret itself. Use it as a builder:
 *
 * <pre>{@code
 * SecretScan.of(Map.of("SLACK_BOT_TOKEN", token, "SMTP_PASSWORD", password))
 *     .lines("notifier log", logs.lines())
 *     .topic(kafka.clientConfig(), deliveriesTopic)
 *     .http("http://127.0.0.1:" + port + "/metrics")
 *     .assertClean();
 * }</pre>
 *
 * Not thread-safe: one scan per test.
 */
public final class SecretScan {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private static final Duration POLL = Duration.ofMillis(500);

  private final Map<String, List<byte[]>> formsByName = new LinkedHashMap<>();
  private final List<String> findings = new ArrayList<>();
  private final List<String> scanned = new ArrayList<>();

  private SecretScan(Map<String, String> secrets) {
    secrets.forEach((name, value) -> {
      if (value == null || value.length() < 8) {
        throw new IllegalArgumentException("secret " + name + " is shorter than 8 characters: it would match by accident");
      }
      byte[] raw = value.getBytes(StandardCharsets.UTF_8);
      Set<String> forms = new java.util.LinkedHashSet<>(List.of(value,
          Base64.getEncoder().encodeToString(raw),
          Base64.getEncoder().withoutPadding().encodeToString(raw),
          Base64.getUrlEncoder().encodeToString(raw),
          Base64.getUrlEncoder().withoutPadding().encodeToString(raw),
          URLEncoder.encode(value, StandardCharsets.UTF_8)));
      formsByName.put(name, forms.stream().map(form -> form.getBytes(StandardCharsets.UTF_8)).toList());
    });
  }

  /** A scan for {@code secrets}, by name (the name appears in findings, the value never). */
  public static SecretScan of(Map<String, String> secrets) {
    return new SecretScan(secrets);
  }

  /** Scans one text, {@code where} naming it in findings. */
  public SecretScan text(String where, String text) {
    return bytes(where, text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8));
  }

  /** Scans every line, each named {@code where} and its index. */
  public SecretScan lines(String where, Collection<String> lines) {
    int index = 0;
    for (String line : lines) {
      text(where + " line " + index++, line);
    }
    scanned.add(where + " (" + lines.size() + " lines)");
    return this;
  }

  /** Scans raw bytes. */
  public SecretScan bytes(String where, byte[] bytes) {
    if (bytes == null) {
      return this;
    }
    formsByName.forEach((name, forms) -> {
      for (byte[] form : forms) {
        if (indexOf(bytes, form) >= 0) {
          findings.add(name + " in " + where);
          return;
        }
      }
    });
    return this;
  }

  /**
   * Scans every record of {@code topic} from its beginning to its end when called: keys, values
   * and headers, as raw bytes (Avro writes strings as their UTF-8 bytes).
   *
   * @param clientConfig a Kafka client configuration that reaches the cluster
   */
  public SecretScan topic(Map<String, Object> clientConfig, String topic) {
    Map<String, Object> config = new LinkedHashMap<>(clientConfig);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "secret-scan-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    int records = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
          String where = topic + "-" + record.partition() + "@" + record.offset();
          bytes(where + " key", record.key());
          bytes(where + " value", record.value());
          for (Header header : record.headers()) {
            text(where + " header name", header.key());
            bytes(where + " header " + header.key(), header.value());
          }
          records++;
        }
      }
    }
    scanned.add(topic + " (" + records + " records)");
    return this;
  }

  /** Scans the answer to a GET of {@code url}: status, headers and body. */
  public SecretScan http(String url) {
    try {
      HttpResponse<byte[]> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      text("GET " + url + " headers", answer.statusCode() + " " + answer.headers().map());
      bytes("GET " + url + " body", answer.body());
      scanned.add("GET " + url + " (" + answer.body().length + " bytes)");
      return this;
    } catch (IOException e) {
      throw new IllegalStateException("GET " + url + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during GET " + url, e);
    }
  }

  /** Where a secret was seen so far, as {@code NAME in where}. */
  public List<String> findings() {
    return List.copyOf(findings);
  }

  /** What was scanned so far, for messages. */
  public List<String> scanned() {
    return List.copyOf(scanned);
  }

  /** @throws AssertionError naming every finding (never a secret's value) when a secret was seen */
  public void assertClean() {
    if (!findings.isEmpty()) {
      throw new AssertionError("secrets leaked: " + String.join("; ", findings) + " (scanned " + scanned + ")");
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
