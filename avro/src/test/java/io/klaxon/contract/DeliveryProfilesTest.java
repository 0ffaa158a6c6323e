package io.klaxon.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.Channel;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.DeliveryProfile;
import io.klaxon.events.IsolationLevel;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.NotificationType;
import io.klaxon.events.SlackTarget;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.serde.ReleasedSchemas;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

class DeliveryProfilesTest {
  private static final DeliveryProfile PARIS = DeliveryProfile.newBuilder()
      .setDisplayName("Acme SAS")
      .setDefaultLocale("fr")
      .setTimeZone("Europe/Paris")
      .setTemplateOverrides(Map.of("alert.headline", "ALERTE {title}"))
      .setIsolationLevel(IsolationLevel.STRICT)
      .build();

  private static TenantConfig.Builder tenant() {
    return TenantConfig.newBuilder().setTenantId("acme").setTier(Tier.ENTERPRISE);
  }

  private static NotificationRequest.Builder request() {
    return NotificationRequest.newBuilder()
        .setNotificationId("n-1")
        .setTenantId("acme")
        .setTier(Tier.ENTERPRISE)
        .setType(NotificationType.SUPPRESSION_SUMMARY)
        .setTarget(new ChannelTarget("oncall", Channel.SLACK, new SlackTarget("#oncall", null, null), null, null, null, null))
        .setRouteName("default:enterprise")
        .setRoutedAt(Instant.parse("2026-11-01T12:00:00Z"));
  }

  @Test
  void aTenantsProfileIsItsDeliveryFieldWhole() {
    TenantConfig tenant = tenant().setDefaultLocale("de").setDelivery(PARIS).build();

    assertThat(DeliveryProfiles.of(tenant)).isSameAs(PARIS);
  }

  @Test
  void aTenantInTheFlatLayoutHasItsTopLevelFieldsAsProfile() {
    TenantConfig tenant = tenant().setDisplayName("Acme SAS").setDefaultLocale("fr").setTimeZone("Europe/Paris")
        .setTemplateOverrides(Map.of("alert.headline", "ALERTE {title}")).setIsolationLevel(IsolationLevel.STRICT).build();

    assertThat(DeliveryProfiles.of(tenant)).isEqualTo(PARIS);
  }

  @Test
  void aTenantThatSetsNothingGetsTheDefaults() {
    assertThat(DeliveryProfiles.of(tenant().build())).isEqualTo(DeliveryProfile.newBuilder().build());
  }

  @Test
  void aRequestInTheFlatLayoutHasItsTopLevelFieldsAsProfile() {
    NotificationRequest request = request().setTenantName("Acme SAS").setTenantLocale("fr").setTimeZone("Europe/Paris")
        .setTemplateOverrides(Map.of("alert.headline", "ALERTE {title}")).setIsolationLevel(IsolationLevel.STRICT).build();

    assertThat(DeliveryProfiles.of(request)).isEqualTo(PARIS);
  }

  @Test
  void aCarriedProfileIsReadBackWholeAndFillsTheFlatFields() {
    NotificationRequest request = DeliveryProfiles.carry(request(), PARIS).build();

    assertThat(request.getDelivery()).isSameAs(PARIS);
    assertThat(DeliveryProfiles.of(request)).isSameAs(PARIS);
    assertThat(request.getTenantName()).isEqualTo("Acme SAS");
    assertThat(request.getTenantLocale()).isEqualTo("fr");
    assertThat(request.getTimeZone()).isEqualTo("Europe/Paris");
    assertThat(request.getTemplateOverrides()).containsEntry("alert.headline", "ALERTE {title}");
    assertThat(request.getIsolationLevel()).isEqualTo(IsolationLevel.STRICT);
  }

  @Test
  void aTenantCarryingItsProfileKeepsTheFlatFieldsForStreamsAppsThatPredateIt() {
    DeliveryProfile dutch = DeliveryProfile.newBuilder(PARIS).setDefaultLocale("nl")
        .setMessageBundles(Map.of("nl", Map.of("field.status", "Status"))).build();

    TenantConfig tenant = DeliveryProfiles.carry(tenant(), dutch).build();

    assertThat(DeliveryProfiles.of(tenant)).isSameAs(dutch);
    assertThat(tenant.getDefaultLocale()).isEqualTo("nl");
    assertThat(tenant.getDisplayName()).isEqualTo("Acme SAS");
    assertThat(tenant.getIsolationLevel()).isEqualTo(IsolationLevel.STRICT);
    assertThat(DeliveryProfiles.needsProfile(dutch)).isTrue();
    assertThat(DeliveryProfiles.needsProfile(PARIS)).isFalse();
  }

  @Test
  void aNotifierBuiltWithReleasedVersionOneStillSeesTheTenantsSettings() throws IOException {
    NotificationRequest request = DeliveryProfiles.carry(request(), PARIS).build();
    Schema v1 = ReleasedSchemas.released(NotificationRequest.class, 1);

    GenericRecord asReleasedReaderSeesIt = readWith(v1, write(request));

    assertThat(asReleasedReaderSeesIt.get("tenantName")).hasToString("Acme SAS");
    assertThat(asReleasedReaderSeesIt.get("tenantLocale")).hasToString("fr");
    assertThat(asReleasedReaderSeesIt.get("timeZone")).hasToString("Europe/Paris");
    assertThat(asReleasedReaderSeesIt.get("templateOverrides").toString()).contains("ALERTE {title}");
  }

  @Test
  void aRequestWrittenWithReleasedVersionOneGivesItsFlatSettingsAsProfile() throws IOException {
    Schema v1 = ReleasedSchemas.released(NotificationRequest.class, 1);
    NotificationRequest current = request().setTenantName("Acme SAS").setTenantLocale("fr").setTimeZone("Europe/Paris")
        .setTemplateOverrides(Map.of("alert.headline", "ALERTE {title}")).build();
    GenericRecord asReleasedWriterWroteIt = readWith(v1, write(current));

    NotificationRequest read = readAsCurrent(v1, writeGeneric(v1, asReleasedWriterWroteIt));

    assertThat(read.getDelivery()).isNull();
    assertThat(DeliveryProfiles.of(read)).isEqualTo(DeliveryProfile.newBuilder(PARIS).setIsolationLevel(null).build());
  }

  private static byte[] write(NotificationRequest request) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new SpecificDatumWriter<>(NotificationRequest.class).write(request, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  private static byte[] writeGeneric(Schema schema, GenericRecord record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema, GenericData.get()).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  /** Reads bytes written with the current schema as a reader compiled with {@code reader} would. */
  private static GenericRecord readWith(Schema reader, byte[] bytes) throws IOException {
    return new GenericDatumReader<GenericRecord>(NotificationRequest.getClassSchema(), reader)
        .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
  }

  private static NotificationRequest readAsCurrent(Schema writer, byte[] bytes) throws IOException {
    return new SpecificDatumReader<NotificationRequest>(writer, NotificationRequest.getClassSchema())
        .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
  }
}
