package io.klaxon.notifier.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.DataKey;
import io.klaxon.events.DeadLetterReason;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.SealedFields;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.notifier.metrics.NotifierMetrics;
import io.klaxon.notifier.testing.Requests;
import io.klaxon.privacy.Keyring;
import io.klaxon.privacy.MasterKey;
import io.klaxon.privacy.MasterKeys;
import io.klaxon.privacy.Sealer;
import io.klaxon.privacy.Sealers;
import io.klaxon.registry.InMemorySchemaRegistry;
import io.klaxon.serde.SpecificAvroDeserializer;
import io.klaxon.topics.KlaxonTopics;
import io.klaxon.topics.TopicNames;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** How the notifier reads notifications whose personal fields are sealed with their tenant's data key. */
class SealedRequestDecoderTest {
  private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

  private final InMemorySchemaRegistry registry = InMemorySchemaRegistry.scoped("sealed-" + UUID.randomUUID());
  private final KlaxonTopics topics = KlaxonTopics.of(TopicNames.DEFAULTS, registry);
  private final Sealer<NotificationRequest> sealer = Sealers.notifications(topics);
  private final MasterKeys masters = MasterKeys.of(MasterKey.parse("test", MasterKey.generate()));
  private final DataKey key = masters.newDataKey("acme", NOW);
  private final TenantConfig acme = TenantConfig.newBuilder().setTenantId("acme").setTier(Tier.ENTERPRISE)
      .setDataKeys(new ArrayList<>(List.of(key))).build();
  private final NotificationRequest request =
      Requests.request(Requests.webhook("https://h.example/in", "env:H")).setNotificationId("n1").build();
  private final NotifierMetrics metrics = NotifierMetrics.inMemory();
  private final Keyring keyring = new Keyring(masters);
  private final AtomicInteger catchUps = new AtomicInteger();

  private byte[] sealed() {
    Keyring writer = new Keyring(masters);
    writer.update("acme", acme);
    NotificationRequest sealed = sealer.seal(request, writer);
    assertThat(sealed.getSealed()).isNotNull();
    return topics.notifications().valueSerde().serializer().serialize(topics.notifications().name(), sealed);
  }

  /** A decoder whose catch-up with the tenants topic delivers {@code onTopic} (null: the tenant is not there). */
  private RequestDecoder decoder(TenantConfig onTopic) {
    SealedRequests opener = new SealedRequests(sealer, keyring, timeout -> {
      catchUps.incrementAndGet();
      if (onTopic != null) {
        keyring.update(onTopic.getTenantId(), onTopic);
      }
      return true;
    });
    return new RequestDecoder(new SpecificAvroDeserializer<>(registry, NotificationRequest.class), opener, metrics,
        InstantSource.fixed(NOW));
  }

  private static ConsumerRecord<String, byte[]> record(byte[] value) {
    return new ConsumerRecord<>("klaxon.notifications.v1", 0, 7, "acme", value);
  }

  @Test
  void aSealedNotificationOpensWholeOnceTheTenantsKeyIsKnown() {
    keyring.update("acme", acme);

    assertThat(decoder(null).decode(record(sealed()))).isEqualTo(new RequestDecoder.Decoded.Request(request));
    assertThat(catchUps).hasValue(0);
  }

  @Test
  void aTenantNotSeenYetIsLookedForOnTheTenantsTopic() {
    assertThat(decoder(acme).decode(record(sealed()))).isEqualTo(new RequestDecoder.Decoded.Request(request));
    assertThat(catchUps).hasValue(1);
  }

  @Test
  void anErasedTenantsNotificationIsSkippedAndCounted() {
    keyring.update("acme", TenantConfig.newBuilder().setTenantId("acme").setTier(Tier.ENTERPRISE).setEnabled(false)
        .setErasedAt(NOW).build());

    assertThat(decoder(null).decode(record(sealed()))).isInstanceOfSatisfying(RequestDecoder.Decoded.Erased.class,
        e -> assertThat(e.reason()).contains("acme was erased"));
    assertThat(metrics.count("klaxon.notifier.erased")).isEqualTo(1.0);
  }

  @Test
  void aTenantNotOnTheTenantsTopicAtAllWasErased() {
    assertThat(decoder(null).decode(record(sealed()))).isInstanceOfSatisfying(RequestDecoder.Decoded.Erased.class,
        e -> assertThat(e.reason()).contains("not on the tenants topic"));
    assertThat(catchUps).hasValue(1);
  }

  @Test
  void withoutTheMasterKeyASealedNotificationWaitsAndIsNeverDeliveredEmpty() {
    Keyring noMaster = Keyring.none();
    noMaster.update("acme", acme);
    RequestDecoder decoder = new RequestDecoder(new SpecificAvroDeserializer<>(registry, NotificationRequest.class),
        new SealedRequests(sealer, noMaster, timeout -> true), metrics, InstantSource.fixed(NOW));

    assertThat(decoder.decode(record(sealed()))).isInstanceOfSatisfying(RequestDecoder.Decoded.KeyUnavailable.class,
        u -> assertThat(u.reason()).contains("KLAXON_MASTER_KEY_REF"));
    assertThat(new RequestDecoder(new SpecificAvroDeserializer<>(registry, NotificationRequest.class), null, metrics,
        InstantSource.fixed(NOW)).decode(record(sealed()))).isInstanceOf(RequestDecoder.Decoded.KeyUnavailable.class);
  }

  @Test
  void sealedFieldsThatWereAlteredAreDeadLettered() {
    keyring.update("acme", acme);
    NotificationRequest sealed = topics.notifications().valueSerde().deserializer()
        .deserialize(topics.notifications().name(), sealed());
    byte[] ciphertext = sealed.getSealed().getCiphertext().array().clone();
    ciphertext[3] ^= 0x40;
    NotificationRequest altered = NotificationRequest.newBuilder(sealed).setSealed(SealedFields.newBuilder(sealed.getSealed())
        .setCiphertext(ByteBuffer.wrap(ciphertext)).build()).build();
    byte[] bytes = topics.notifications().valueSerde().serializer().serialize(topics.notifications().name(), altered);

    assertThat(decoder(null).decode(record(bytes))).isInstanceOfSatisfying(RequestDecoder.Decoded.Undecodable.class, u -> {
      assertThat(u.letter().getReason()).isEqualTo(DeadLetterReason.UNDECODABLE);
      assertThat(u.letter().getDetail()).startsWith("sealed fields do not open");
    });
  }
}
