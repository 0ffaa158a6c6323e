package io.klaxon.ingest;

import static org.awaitility.Awaitility.await;

import io.klaxon.embedded.TopicSpec;
import io.klaxon.embedded.junit.BrokerAndRegistryExtension;
import io.klaxon.events.AlertEvent;
import io.klaxon.events.TenantConfig;
import io.klaxon.ops.Env;
import io.klaxon.registry.SchemaRegistry;
import io.klaxon.serde.SpecificAvroDeserializer;
import io.klaxon.serde.SpecificAvroSerializer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The ingest service on a real broker and schema registry, with topics of its own: tenants are
 * published to its tenants topic as {@code klaxon tenants apply} would, and what it writes is read
 * back from its alerts topic. {@link #close()} stops the service and the clients.
 */
final class RunningIngest implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String alertsTopic;
  private final String tenantsTopic;
  private final SchemaRegistry registry;
  private final KafkaProducer<String, TenantConfig> tenants;
  private final KafkaConsumer<String, AlertEvent> alerts;
  private final IngestSettings settings;
  private final IngestService service;
  private final List<IngestService> copies = new ArrayList<>();
  private final List<ConsumerRecord<String, AlertEvent>> seen = new ArrayList<>();

  private RunningIngest(BrokerAndRegistryExtension kafka, Map<String, String> env, TenantConfig... initial) throws Exception {
    alertsTopic = BrokerAndRegistryExtension.unique("alerts");
    tenantsTopic = BrokerAndRegistryExtension.unique("tenants");
    kafka.createTopics(TopicSpec.of(alertsTopic, 3), TopicSpec.compacted(tenantsTopic, 1));
    registry = kafka.registryClient();
    Map<String, Object> producerConfig = kafka.clientConfig();
    producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    tenants = new KafkaProducer<>(producerConfig, new StringSerializer(), new SpecificAvroSerializer<>(registry, false, true));
    for (TenantConfig tenant : initial) {
      publish(tenant);
    }
    Map<String, Object> consumerConfig = kafka.clientConfig();
    consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    alerts = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
        new SpecificAvroDeserializer<>(registry, AlertEvent.class));
    List<TopicPartition> partitions = List.of(new TopicPartition(alertsTopic, 0), new TopicPartition(alertsTopic, 1),
        new TopicPartition(alertsTopic, 2));
    alerts.assign(partitions);
    alerts.seekToBeginning(partitions);
    Map<String, String> variables = new java.util.HashMap<>(Map.of(
        "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
        "SCHEMA_REGISTRY_URL", kafka.registryUrl(),
        "ALERTS_TOPIC", alertsTopic,
        "TENANTS_TOPIC", tenantsTopic,
        "HTTP_PORT", "0"));
    variables.putAll(env);
    settings = IngestSettings.from(Env.of(variables));
    service = startCopy();
  }

  private IngestService startCopy() throws Exception {
    IngestService copy = IngestService.start(settings, registry, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    await("ingest ready").atMost(Duration.ofSeconds(60)).until(() -> copy.readiness().up());
    return copy;
  }

  /**
   * Starts another copy of the service on the same topics (on another port), as a second copy
   * behind a load balancer would run; closed with this one.
   */
  IngestService anotherCopy() throws Exception {
    IngestService copy = startCopy();
    copies.add(copy);
    return copy;
  }

  /** Starts the service with {@code initial} tenants already published, and extra environment variables. */
  static RunningIngest start(BrokerAndRegistryExtension kafka, Map<String, String> env, TenantConfig... initial)
      throws Exception {
    return new RunningIngest(kafka, env, initial);
  }

  /** Publishes a tenant and waits for the acknowledgement. */
  void publish(TenantConfig tenant) throws Exception {
    tenants.send(new ProducerRecord<>(tenantsTopic, tenant.getTenantId(), tenant)).get();
  }

  /** Publishes a tombstone for a tenant and waits for the acknowledgement. */
  void delete(String tenantId) throws Exception {
    tenants.send(new ProducerRecord<>(tenantsTopic, tenantId, null)).get();
  }

  /** The topics the service reads tenants from and writes alerts to. */
  List<String> topics() {
    return List.of(tenantsTopic, alertsTopic);
  }

  /** The service's base URL. */
  String url() {
    return service.url();
  }

  /** POSTs {@code body} to {@code path} with {@code key} as the bearer token. */
  HttpResponse<String> post(String path, String key, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url() + path)).header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + key).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** GETs {@code path} of the service. */
  String get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url() + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  /** Every alert record read from the alerts topic so far (reading what has arrived since). */
  List<ConsumerRecord<String, AlertEvent>> alerts() {
    alerts.poll(Duration.ofMillis(100)).forEach(seen::add);
    return List.copyOf(seen);
  }

  /** The first alert record that matches, waiting for it at most {@code timeout}. */
  ConsumerRecord<String, AlertEvent> awaitAlert(Predicate<AlertEvent> wanted, Duration timeout) {
    return await().atMost(timeout).pollInSameThread()
        .until(() -> alerts().stream().filter(r -> wanted.test(r.value())).findFirst().orElse(null),
            java.util.Objects::nonNull);
  }

  @Override
  public void close() throws Exception {
    copies.forEach(IngestService::close);
    service.close();
    alerts.close();
    tenants.close();
    registry.close();
  }
}
