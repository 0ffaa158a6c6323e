package io.klaxon.stack.render;

import io.klaxon.cli.tenants.Problem;
import io.klaxon.cli.tenants.TenantFileParser;
import io.klaxon.events.TenantConfig;
import io.klaxon.ops.ClusterSettings;
import io.klaxon.registry.SchemaRegistry;
import io.klaxon.topics.KlaxonTopics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Where a preview finds its tenant: tenant files, read and checked exactly as {@code tenants
 * apply} reads them, or the tenants topic of a running cluster (the last record of the tenant,
 * read to the end offsets seen at start). Stateless.
 */
final class PreviewTenants {
  private PreviewTenants() {}

  /** A tenant, or why there is none. */
  sealed interface Found permits Tenant, Missing {}

  record Tenant(TenantConfig config) implements Found {}

  /** @param problems every reason, one a line (file problems as {@code file:line:col: path: message}) */
  record Missing(List<String> problems) implements Found {}

  /** Tenant {@code tenantId} from {@code path}, a tenant file or a directory of them. */
  static Found fromFiles(Path path, String tenantId) throws IOException {
    List<Path> files;
    if (Files.isDirectory(path)) {
      try (Stream<Path> listed = Files.list(path)) {
        files = listed.filter(TenantFileParser::isTenantFileName).sorted().toList();
      }
    } else if (Files.isRegularFile(path)) {
      files = List.of(path);
    } else {
      return new Missing(List.of(path + ": no such file or directory"));
    }
    TenantFileParser parser = new TenantFileParser();
    List<String> problems = new ArrayList<>();
    for (Path file : files) {
      TenantFileParser.FileResult result = parser.parse(file);
      boolean named = result.tenant().map(t -> t.getTenantId().equals(tenantId)).orElse(false)
          || file.getFileName().toString().replaceFirst("\\.[^.]+$", "").equals(tenantId);
      if (!named) {
        continue;
      }
      if (result.tenant().isPresent()) {
        return new Tenant(result.tenant().get());
      }
      result.problems().stream().filter(Problem::isError).map(Problem::toString).forEach(problems::add);
    }
    if (problems.isEmpty()) {
      problems.add("no tenant '" + tenantId + "' in " + path);
    }
    return new Missing(problems);
  }

  /** Tenant {@code tenantId} as the cluster's tenants topic holds it now. */
  static Found fromCluster(ClusterSettings cluster, String tenantId, Duration timeout) {
    String topic = cluster.topics().tenants();
    Map<String, Object> props = cluster.clientProperties(Map.of(
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
    try (SchemaRegistry registry = cluster.registry().connect();
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      return read(cluster, registry, consumer, tenantId, timeout);
    } catch (KafkaException e) {
      return new Missing(List.of("cannot read " + topic + " from Kafka at " + cluster.bootstrapServers() + " ("
          + e.getMessage() + "); is Klaxon running there (./klaxon up)? To render from tenant files instead: --tenants examples/tenants"));
    }
  }

  private static Found read(ClusterSettings cluster, SchemaRegistry registry, KafkaConsumer<String, byte[]> consumer,
      String tenantId, Duration timeout) {
    String topic = cluster.topics().tenants();
    List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
        .map(p -> new TopicPartition(topic, p.partition())).toList();
    if (partitions.isEmpty()) {
      return new Missing(List.of("topic " + topic + " does not exist"));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, timeout));
    Optional<byte[]> last = Optional.empty();
    boolean seen = false;
    Instant deadline = Instant.now().plus(timeout);
    while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
      if (Instant.now().isAfter(deadline)) {
        return new Missing(List.of("timed out after " + timeout + " reading " + topic));
      }
      for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
        if (tenantId.equals(record.key())) {
          seen = true;
          last = Optional.ofNullable(record.value());
        }
      }
    }
    if (last.isEmpty()) {
      return new Missing(List.of(seen ? "tenant '" + tenantId + "' was deleted (tombstone in " + topic + ")"
          : "no tenant '" + tenantId + "' in " + topic));
    }
    TenantConfig config = KlaxonTopics.of(cluster.topics(), registry).tenants().valueSerde().deserializer()
        .deserialize(topic, last.get());
    return new Tenant(config);
  }
}
