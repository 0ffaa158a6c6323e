package io.klaxon.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.klaxon.events.Channel;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.EmailTarget;
import io.klaxon.events.IsolationLevel;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.registry.InMemorySchemaRegistry;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class PinnedSchemaSerializerTest {
  private static final String TOPIC = "klaxon.tenants.v1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final InMemorySchemaRegistry registry = InMemorySchemaRegistry.scoped("pinned-" + UUID.randomUUID());
  private final SpecificAvroDeserializer<TenantConfig> deserializer =
      new SpecificAvroDeserializer<>(registry, TenantConfig.class);

  private static TenantConfig.Builder tenant() {
    return TenantConfig.newBuilder()
        .setTenantId("acme")
        .setTier(Tier.ENTERPRISE)
        .setTargets(List.of(ChannelTarget.newBuilder().setId("oncall-mail").setChannel(Channel.EMAIL)
            .setEmail(EmailTarget.newBuilder().setTo(List.of("oncall@acme.example")).build()).build()))
        .setUpdatedAt(Instant.parse("2026-11-22T10:00:00.123456Z"));
  }

  @Test
  void versionsAreLatestOrAReleasedNumber() {
    assertThat(ReleasedSchemas.versions(TenantConfig.class)).startsWith(1);
    assertThat(ReleasedSchemas.writerSchema(TenantConfig.class, null)).isEqualTo(TenantConfig.getClassSchema());
    assertThat(ReleasedSchemas.writerSchema(TenantConfig.class, "latest")).isEqualTo(TenantConfig.getClassSchema());
    assertThat(ReleasedSchemas.writerSchema(TenantConfig.class, "v1"))
        .isEqualTo(ReleasedSchemas.writerSchema(TenantConfig.class, "1"))
        .isEqualTo(ReleasedSchemas.released(TenantConfig.class, 1));
    for (String bad : List.of("999", "one", "v", "1.0")) {
      assertThatThrownBy(() -> ReleasedSchemas.writerSchema(TenantConfig.class, bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + bad + "'").hasMessageContaining("TenantConfig").hasMessageContaining("latest");
    }
  }

  @Test
  void aRecordWrittenWithReleasedVersionOneReadsBackWhole() {
    Schema v1 = ReleasedSchemas.released(TenantConfig.class, 1);
    TenantConfig tenant = tenant().setIsolationLevel(IsolationLevel.STRICT).build();

    byte[] bytes = new PinnedSchemaSerializer<TenantConfig>(registry, v1, "TENANCY_SCHEMA_VERSION=1", true)
        .serialize(TOPIC, tenant);

    Schema written = registry.schemaById(WireFormat.schemaId(bytes));
    assertThat(SchemaNormalization.parsingFingerprint64(written)).isEqualTo(SchemaNormalization.parsingFingerprint64(v1));
    assertThat(deserializer.deserialize(TOPIC, bytes).getIsolationLevel()).isEqualTo(IsolationLevel.STRICT);
  }

  @Test
  void anOlderVersionIsWrittenWhenNothingItLacksIsSet() throws Exception {
    Schema older = olderTenantConfig();
    TenantConfig tenant = tenant().build();

    byte[] bytes = new PinnedSchemaSerializer<TenantConfig>(registry, older, "TENANCY_SCHEMA_VERSION=0", true)
        .serialize(TOPIC, tenant);

    Schema written = registry.schemaById(WireFormat.schemaId(bytes));
    assertThat(written.getField("isolationLevel")).isNull();
    TenantConfig read = deserializer.deserialize(TOPIC, bytes);
    assertThat(read.getTenantId()).isEqualTo("acme");
    assertThat(read.getTargets()).isEqualTo(tenant.getTargets());
    assertThat(read.getUpdatedAt()).isEqualTo(Instant.parse("2026-11-22T10:00:00.123Z"));
  }

  @Test
  void aFieldTheOlderVersionLacksIsRefusedByPathAndNothingIsRegistered() throws Exception {
    PinnedSchemaSerializer<TenantConfig> serializer =
        new PinnedSchemaSerializer<>(registry, olderTenantConfig(), "TENANCY_SCHEMA_VERSION=0", true);

    assertThatThrownBy(() -> serializer.serialize(TOPIC, tenant().setIsolationLevel(IsolationLevel.BASIC).build()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("field 'isolationLevel'").hasMessageContaining("TENANCY_SCHEMA_VERSION=0");

    TenantConfig withCc = tenant().setTargets(List.of(ChannelTarget.newBuilder().setId("oncall-mail")
        .setChannel(Channel.EMAIL).setEmail(EmailTarget.newBuilder().setTo(List.of("oncall@acme.example"))
            .setCc(List.of("lead@acme.example")).build()).build())).build();
    assertThatThrownBy(() -> serializer.serialize(TOPIC, withCc))
        .isInstanceOf(SerializationException.class).hasMessageContaining("field 'targets[0].email.cc'");
    assertThat(registry.subjects()).isEmpty();
  }

  @Test
  void theCompiledSchemaWritesLikeThePlainSerializer() {
    TenantConfig tenant = tenant().setIsolationLevel(IsolationLevel.MODERATE).build();
    byte[] pinned = new PinnedSchemaSerializer<TenantConfig>(registry, TenantConfig.getClassSchema(), "latest", true)
        .serialize(TOPIC, tenant);
    byte[] plain = new SpecificAvroSerializer<TenantConfig>(registry, false, true).serialize(TOPIC, tenant);
    assertThat(pinned).isEqualTo(plain);
  }

  /** TenantConfig as an earlier release might have had it: no isolationLevel, and e-mail targets without cc. */
  private static Schema olderTenantConfig() throws Exception {
    ObjectNode json = (ObjectNode) JSON.readTree(TenantConfig.getClassSchema().toString());
    ArrayNode fields = (ArrayNode) json.get("fields");
    remove(fields, "isolationLevel");
    for (JsonNode field : fields) {
      if (field.get("name").asText().equals("targets")) {
        ArrayNode targetFields = (ArrayNode) field.get("type").get("items").get("fields");
        for (JsonNode target : targetFields) {
          if (target.get("name").asText().equals("email")) {
            remove((ArrayNode) target.get("type").get(1).get("fields"), "cc");
          }
        }
      }
    }
    return new Schema.Parser().parse(json.toString());
  }

  private static void remove(ArrayNode fields, String name) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).get("name").asText().equals(name)) {
        fields.remove(i);
        return;
      }
    }
    throw new AssertionError("no field " + name);
  }
}
