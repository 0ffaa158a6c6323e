package io.klaxon.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klaxon.events.DeadLetter;
import io.klaxon.events.DeadLetterReason;
import io.klaxon.events.Outcome;
import io.klaxon.events.OutcomeType;
import io.klaxon.events.TenantConfig;
import io.klaxon.streams.Samples;
import io.klaxon.events.Tier;
import io.klaxon.privacy.Keyring;
import io.klaxon.privacy.MasterKey;
import io.klaxon.privacy.MasterKeys;
import io.klaxon.privacy.Sealer;
import io.klaxon.privacy.Sealers;
import io.klaxon.topics.KlaxonTopics;
import io.klaxon.topics.TopicNames;
import io.klaxon.ops.Env;
import io.klaxon.registry.InMemorySchemaRegistry;
import io.klaxon.registry.RegistrySettings;
import io.klaxon.registry.SchemaRegistryException;
import io.klaxon.registry.SchemaRegistryUnavailableException;
import io.klaxon.serde.SpecificAvroDeserializer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadLetterExceptionHandlerTest {
  private static final String SCOPE = "dead-letter-handler-test";
  private final DeadLetterExceptionHandler handler = new DeadLetterExceptionHandler();
  private final SpecificAvroDeserializer<DeadLetter> reader =
      new SpecificAvroDeserializer<>(InMemorySchemaRegistry.scoped(SCOPE), DeadLetter.class);

  private static final ErrorHandlerContext CONTEXT = new ErrorHandlerContext() {
    @Override public String topic() { return "klaxon.alerts.v1"; }
    @Override public int partition() { return 2; }
    @Override public long offset() { return 41; }
    @Override public Headers headers() { return new RecordHeaders().add("traceparent", "00-trace".getBytes(StandardCharsets.UTF_8)); }
    @Override public String processorNodeId() { return "rate-limit"; }
    @Override public TaskId taskId() { return new TaskId(0, 2); }
    @Override public long timestamp() { return 1_790_000_000_000L; }
    @Override public byte[] sourceRawKey() { return "acme".getBytes(StandardCharsets.UTF_8); }
    @Override public byte[] sourceRawValue() { return new byte[] {0, 0, 0, 0, 1, 42}; }
  };

  @AfterEach
  void dropScope() {
    InMemorySchemaRegistry.dropScope(SCOPE);
  }

  private void configure() {
    Map<String, Object> configs = new HashMap<>(RegistrySettings.of("mock://" + SCOPE).toClientConfig());
    configs.put(DeadLetterExceptionHandler.DLQ_TOPIC, "my.dlq");
    handler.configure(configs);
  }

  @Test
  void aProcessingFailureBecomesADeadLetterWithTheSourceBytesAndProcessingResumes() {
    configure();
    ProcessingExceptionHandler.Response response = handler.handleError(CONTEXT, new Record<>("k", "v", 0L),
        new IllegalStateException("boom"));
    assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
    ProducerRecord<byte[], byte[]> record = response.deadLetterQueueRecords().get(0);
    assertThat(record.topic()).isEqualTo("my.dlq");
    DeadLetter letter = reader.deserialize("my.dlq", record.value());
    assertThat(letter.getReason()).isEqualTo(DeadLetterReason.PROCESSING_ERROR);
    assertThat(letter.getDetail()).contains("rate-limit").contains("boom");
    assertThat(letter.getSourcePartition()).isEqualTo(2);
    assertThat(letter.getSourceOffset()).isEqualTo(41);
    assertThat(letter.getOriginalValue()).isEqualTo(ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 1, 42}));
    assertThat(record.key()).isEqualTo("acme".getBytes(StandardCharsets.UTF_8));
    assertThat(record.headers().lastHeader("traceparent").value()).as("the source record's headers, for a replay")
        .isEqualTo("00-trace".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void withAMasterKeyALetterOfAnAlertKeyedByATenantWithADataKeyIsSealed() {
    MasterKeys masters = MasterKeys.of(MasterKey.parse("test", MasterKey.generate()));
    Keyring keyring = new Keyring(masters);
    keyring.update("acme", TenantConfig.newBuilder(Samples.tenant("acme", Tier.ENTERPRISE))
        .setDataKeys(new ArrayList<>(List.of(masters.newDataKey("acme", Instant.ofEpochMilli(1_790_000_000_000L))))).build());
    keyring.update("globex", Samples.tenant("globex", Tier.ENTERPRISE));
    Sealer<DeadLetter> sealer = Sealers.deadLetters(KlaxonTopics.of(TopicNames.DEFAULTS, InMemorySchemaRegistry.scoped(SCOPE)));
    Map<String, Object> configs = new HashMap<>(RegistrySettings.of("mock://" + SCOPE).toClientConfig());
    configs.put(DeadLetterExceptionHandler.SEALING, new DeadLetterExceptionHandler.Sealing(sealer, keyring, "klaxon.alerts.v1"));
    handler.configure(configs);

    DeadLetter acme = letterOf(handler.deadLetter(CONTEXT, DeadLetterReason.PROCESSING_ERROR, "boom: secret title"));
    DeadLetter globex = letterOf(handler.deadLetter(keyed(CONTEXT.topic(), "globex"), DeadLetterReason.PROCESSING_ERROR, "boom"));
    DeadLetter internal = letterOf(handler.deadLetter(keyed("klaxon-streams-rekeyed-repartition", "acme"),
        DeadLetterReason.PROCESSING_ERROR, "boom"));

    assertThat(acme.getSealed()).isNotNull();
    assertThat(acme.getTenantId()).isEqualTo("acme");
    assertThat(acme.getOriginalValue()).isNull();
    assertThat(acme.getDetail()).isEqualTo(Sealers.SEALED_DETAIL);
    Sealer.Opened<DeadLetter> opened = sealer.open(acme, keyring);
    assertThat(opened).isInstanceOfSatisfying(Sealer.Opened.Whole.class, whole -> {
      DeadLetter original = (DeadLetter) whole.record();
      assertThat(original.getDetail()).contains("secret title");
      assertThat(original.getOriginalValue()).isEqualTo(ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 1, 42}));
    });
    assertThat(globex.getSealed()).as("a tenant without a data key").isNull();
    assertThat(globex.getOriginalValue()).isNotNull();
    assertThat(internal.getSealed()).as("an internal topic's key is no tenant id").isNull();
  }

  @Test
  void kafkaStreamsHandsTheSealingToTheHandlerItMakes() {
    Keyring keyring = new Keyring(MasterKeys.of(MasterKey.parse("test", MasterKey.generate())));
    DeadLetterExceptionHandler.Sealing sealing = new DeadLetterExceptionHandler.Sealing(
        Sealers.deadLetters(KlaxonTopics.of(TopicNames.DEFAULTS, InMemorySchemaRegistry.scoped(SCOPE))), keyring,
        "klaxon.alerts.v1");
    java.util.Properties properties = new java.util.Properties();
    properties.putAll(StreamsSettings.from(Env.of(Map.of("SCHEMA_REGISTRY_URL", "mock://" + SCOPE))).kafka());
    properties.put(DeadLetterExceptionHandler.SEALING, sealing);

    org.apache.kafka.streams.StreamsConfig config = new org.apache.kafka.streams.StreamsConfig(properties);

    assertThat(config.processingExceptionHandler()).isInstanceOfSatisfying(DeadLetterExceptionHandler.class,
        made -> assertThat(made.sealing()).isSameAs(sealing));
    assertThat(config.productionExceptionHandler()).isInstanceOfSatisfying(DeadLetterExceptionHandler.class,
        made -> assertThat(made.sealing()).isSameAs(sealing));
  }

  private DeadLetter letterOf(List<ProducerRecord<byte[], byte[]>> records) {
    return reader.deserialize("klaxon.alerts.dlq.v1", records.get(0).value());
  }

  /** {@link #CONTEXT} with another topic and key. */
  private static ErrorHandlerContext keyed(String topic, String key) {
    return new ErrorHandlerContext() {
      @Override public String topic() { return topic; }
      @Override public int partition() { return CONTEXT.partition(); }
      @Override public long offset() { return CONTEXT.offset(); }
      @Override public Headers headers() { return CONTEXT.headers(); }
      @Override public String processorNodeId() { return CONTEXT.processorNodeId(); }
      @Override public TaskId taskId() { return CONTEXT.taskId(); }
      @Override public long timestamp() { return CONTEXT.timestamp(); }
      @Override public byte[] sourceRawKey() { return key.getBytes(StandardCharsets.UTF_8); }
      @Override public byte[] sourceRawValue() { return CONTEXT.sourceRawValue(); }
    };
  }

  @Test
  void aRegistryOutageFailsTheTaskInsteadOfDeadLettering() {
    configure();
    ProcessingExceptionHandler.Response response = handler.handleError(CONTEXT, new Record<>("k", "v", 0L),
        new SchemaRegistryUnavailableException(503, "down", null));
    assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
    assertThat(response.deadLetterQueueRecords()).isEmpty();
  }

  @Test
  void aRegistryRefusingTheCredentialsFailsTheTaskInsteadOfDeadLettering() {
    configure();
    ProcessingExceptionHandler.Response response = handler.handleError(CONTEXT, new Record<>("k", "v", 0L),
        new SchemaRegistryException(401, 401, "Schema registry answered HTTP 401"));
    assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
    assertThat(response.deadLetterQueueRecords()).isEmpty();
  }

  @Test
  void theStreamsSettingsConfigureTheTopicAndTheRegistry() {
    StreamsSettings settings = StreamsSettings.from(Env.of(Map.of(
        "SCHEMA_REGISTRY_URL", "mock://" + SCOPE, "ALERTS_DLQ_TOPIC", "rejects")));
    Map<String, Object> configs = new HashMap<>();
    settings.kafka().forEach((key, value) -> configs.put(key.toString(), value));
    handler.configure(configs);

    ProducerRecord<byte[], byte[]> record = handler.deadLetter(CONTEXT, DeadLetterReason.PROCESSING_ERROR, "boom").get(0);

    assertThat(record.topic()).isEqualTo("rejects");
    // Written through the registry the settings name, so readable from that scope.
    assertThat(reader.deserialize("rejects", record.value()).getSourceOffset()).isEqualTo(41);
  }

  @Test
  void withTheAuditOnTheLetterGoesWithItsOutcome() {
    StreamsSettings settings = StreamsSettings.from(Env.of(Map.of("SCHEMA_REGISTRY_URL", "mock://" + SCOPE)));
    Map<String, Object> configs = new HashMap<>();
    settings.kafka().forEach((key, value) -> configs.put(key.toString(), value));
    handler.configure(configs);

    List<ProducerRecord<byte[], byte[]>> records = handler.deadLetter(CONTEXT, DeadLetterReason.PROCESSING_ERROR, "boom");

    assertThat(records).extracting(ProducerRecord::topic).containsExactly("klaxon.alerts.dlq.v1", "klaxon.outcomes.v1");
    Outcome outcome = new SpecificAvroDeserializer<>(InMemorySchemaRegistry.scoped(SCOPE), Outcome.class)
        .deserialize("klaxon.outcomes.v1", records.get(1).value());
    assertThat(outcome.getOutcome()).isEqualTo(OutcomeType.DEAD_LETTERED);
    assertThat(outcome.getReason()).isEqualTo("PROCESSING_ERROR");
    assertThat(outcome.getSourceOffset()).isEqualTo(41);

    configs.remove(DeadLetterExceptionHandler.OUTCOMES_TOPIC);
    handler.configure(configs);
    assertThat(handler.deadLetter(CONTEXT, DeadLetterReason.PROCESSING_ERROR, "boom")).hasSize(1);
  }

  @Test
  void withoutARegistryUrlConfigurationFailsNamingTheKey() {
    assertThatThrownBy(() -> handler.configure(Map.of(DeadLetterExceptionHandler.DLQ_TOPIC, "my.dlq")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(RegistrySettings.URL_CONFIG);
  }

  @Test
  void aProductionFailureDeadLettersTheSourceRecord() {
    configure();
    ProductionExceptionHandler.Response response = handler.handleError(CONTEXT,
        new ProducerRecord<>("klaxon.notifications.v1", new byte[1], new byte[1]),
        new org.apache.kafka.common.errors.RecordTooLargeException("too large"));
    assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
    DeadLetter letter = reader.deserialize("my.dlq", response.deadLetterQueueRecords().get(0).value());
    assertThat(letter.getReason()).isEqualTo(DeadLetterReason.PRODUCTION_ERROR);
    assertThat(letter.getDetail()).contains("klaxon.notifications.v1");
  }
}
