package io.klaxon.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertKind;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.Channel;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.DataKey;
import io.klaxon.events.DeliveryOutcome;
import io.klaxon.events.DeliveryReceipt;
import io.klaxon.events.EmailTarget;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.NotificationType;
import io.klaxon.events.SealedFields;
import io.klaxon.events.Severity;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.registry.InMemorySchemaRegistry;
import io.klaxon.topics.KlaxonTopics;
import io.klaxon.topics.TopicNames;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SealerTest {
  private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
  private final KlaxonTopics topics = KlaxonTopics.of(TopicNames.DEFAULTS, new InMemorySchemaRegistry());
  private final Sealer<NotificationRequest> notifications = Sealers.notifications(topics);
  private final Sealer<DeliveryReceipt> receipts = Sealers.receipts(topics);
  private final MasterKeys masters = MasterKeys.of(MasterKey.parse("test", MasterKey.generate()));

  @Test
  void aSealedNotificationKeepsNoPersonalFieldInTheClearAndOpensWhole() {
    Keyring keyring = new Keyring(masters);
    keyring.update("acme", tenant("acme", masters.newDataKey("acme", NOW)));
    NotificationRequest request = request("acme");

    NotificationRequest sealed = notifications.seal(request, keyring);

    assertThat(sealed.getSealed()).isNotNull();
    assertThat(sealed.getAlert().getMessage()).isEmpty();
    assertThat(sealed.getAlert().getTitle()).isEmpty();
    assertThat(sealed.getAlert().getLabels()).isEmpty();
    assertThat(sealed.getTarget().getEmail()).isNull();
    assertThat(sealed.getTarget().getId()).isEqualTo("ops-mail");
    byte[] wire = topics.notifications().valueSerde().serializer().serialize(topics.names().notifications(), sealed);
    assertThat(new String(wire, StandardCharsets.ISO_8859_1)).doesNotContain("db-7", "bob@example.com", "disk full");
    assertThat(notifications.open(sealed, keyring)).isEqualTo(new Sealer.Opened.Whole<>(request));
  }

  @Test
  void aTenantWithoutDataKeyIsNotSealed() {
    Keyring keyring = new Keyring(masters);
    keyring.update("acme", tenant("acme"));
    NotificationRequest request = request("acme");

    assertThat(notifications.seal(request, keyring)).isSameAs(request);
    assertThat(notifications.seal(request, Keyring.none())).isSameAs(request);
  }

  @Test
  void afterAnErasureMarkerOrTombstoneASealedRecordReadsAsErased() {
    Keyring keyring = new Keyring(masters);
    keyring.update("acme", tenant("acme", masters.newDataKey("acme", NOW)));
    DeliveryReceipt sealed = receipts.seal(receipt("acme", "550 5.1.1 <bob@example.com>: unknown user"), keyring);
    assertThat(sealed.getDetail()).isNull();

    keyring.update("acme", TenantConfig.newBuilder().setTenantId("acme").setTier(Tier.STANDARD).setEnabled(false)
        .setErasedAt(NOW).build());
    assertThat(receipts.open(sealed, keyring)).isInstanceOfSatisfying(Sealer.Opened.Erased.class,
        e -> assertThat(e.reason()).contains("acme was erased"));

    DeliveryReceipt afterErasure = receipts.seal(receipt("acme", "550 5.1.1 <bob@example.com>: unknown user"), keyring);
    assertThat(afterErasure.getSealed()).isNull();
    assertThat(afterErasure.getDetail()).as("an erased tenant's record keeps no personal field").isNull();

    Keyring afterCompaction = new Keyring(masters);
    afterCompaction.update("acme", null);
    assertThat(receipts.open(sealed, afterCompaction)).isInstanceOf(Sealer.Opened.Erased.class);
  }

  @Test
  void aReaderThatHasNotSeenTheTenantOrHasNoMasterKeyCannotOpenYet() {
    Keyring writer = new Keyring(masters);
    DataKey key = masters.newDataKey("acme", NOW);
    writer.update("acme", tenant("acme", key));
    DeliveryReceipt sealed = receipts.seal(receipt("acme", "HTTP 500"), writer);

    assertThat(receipts.open(sealed, new Keyring(masters))).isInstanceOfSatisfying(Sealer.Opened.Unavailable.class,
        u -> assertThat(u.status()).isEqualTo(Keyring.Status.UNKNOWN_TENANT));
    Keyring noMaster = Keyring.none();
    noMaster.update("acme", tenant("acme", key));
    assertThat(receipts.open(sealed, noMaster)).isInstanceOfSatisfying(Sealer.Opened.Unavailable.class,
        u -> assertThat(u.reason()).contains("KLAXON_MASTER_KEY_REF"));
  }

  @Test
  void aTenantRestoredWithoutPassingThroughUpdateIsFoundThroughTheFallback() {
    DataKey key = masters.newDataKey("acme", NOW);
    Keyring keyring = new Keyring(masters);
    assertThat(keyring.sealingKey("acme")).isEmpty();
    keyring.fallback(Map.of("acme", tenant("acme", key))::get);

    assertThat(keyring.sealingKey("acme")).hasValueSatisfying(k -> assertThat(k.keyId()).isEqualTo(key.getKeyId()));
    assertThat(keyring.lookup("globex", "k").status()).isEqualTo(Keyring.Status.UNKNOWN_TENANT);
  }

  @Test
  void rotatedDataKeysSealWithTheNewestAndStillOpenWhatOlderOnesSealed() {
    Keyring keyring = new Keyring(masters);
    DataKey first = masters.newDataKey("acme", NOW);
    keyring.update("acme", tenant("acme", first));
    DeliveryReceipt old = receipts.seal(receipt("acme", "old"), keyring);
    DataKey second = masters.newDataKey("acme", NOW.plusSeconds(60));
    keyring.update("acme", tenant("acme", first, second));

    DeliveryReceipt fresh = receipts.seal(receipt("acme", "new"), keyring);

    assertThat(fresh.getSealed().getKeyId()).isEqualTo(second.getKeyId());
    assertThat(((Sealer.Opened.Whole<DeliveryReceipt>) receipts.open(old, keyring)).record().getDetail()).isEqualTo("old");
    keyring.update("acme", tenant("acme", second));
    assertThat(receipts.open(old, keyring)).isInstanceOf(Sealer.Opened.Erased.class);
  }

  @Test
  void aMasterKeyRotationRewrapsDataKeysAndBothMasterKeysOpenDuringIt() {
    MasterKey next = MasterKey.parse("test", MasterKey.generate());
    DataKey underOld = masters.newDataKey("acme", NOW);
    Keyring before = new Keyring(masters);
    before.update("acme", tenant("acme", underOld));
    DeliveryReceipt sealed = receipts.seal(receipt("acme", "kept"), before);

    MasterKeys rotating = new MasterKeys(next, List.of(masters.current()));
    DataKey rewrapped = rotating.rewrap("acme", underOld);
    assertThat(rewrapped.getMasterKeyId()).isEqualTo(next.id()).isNotEqualTo(underOld.getMasterKeyId());
    assertThat(rewrapped.getKeyId()).isEqualTo(underOld.getKeyId());

    Keyring after = new Keyring(MasterKeys.of(next));
    after.update("acme", tenant("acme", rewrapped));
    assertThat(((Sealer.Opened.Whole<DeliveryReceipt>) receipts.open(sealed, after)).record().getDetail()).isEqualTo("kept");
    assertThatThrownBy(() -> MasterKeys.of(next).unwrap("acme", underOld)).isInstanceOf(SealedDataException.class)
        .hasMessageContaining("wrapped by master key " + masters.current().id()).hasMessageContaining("not configured");
  }

  @Test
  void alteredOrMovedSealedDataDoesNotOpen() {
    Keyring keyring = new Keyring(masters);
    DataKey acmeKey = masters.newDataKey("acme", NOW);
    keyring.update("acme", tenant("acme", acmeKey));
    DeliveryReceipt sealed = receipts.seal(receipt("acme", "x"), keyring);
    byte[] ciphertext = sealed.getSealed().getCiphertext().array().clone();
    ciphertext[ciphertext.length / 2] ^= 1;
    DeliveryReceipt altered = DeliveryReceipt.newBuilder(sealed).setSealed(SealedFields.newBuilder(sealed.getSealed())
        .setCiphertext(ByteBuffer.wrap(ciphertext)).build()).build();
    assertThatThrownBy(() -> receipts.open(altered, keyring)).isInstanceOf(SealedDataException.class)
        .hasMessageContaining("authentication failed");

    // A wrapped key copied to another tenant's record does not unwrap (its associated data names the tenant),
    // so a sealed record moved to that tenant does not open either.
    assertThatThrownBy(() -> masters.unwrap("globex", acmeKey)).isInstanceOf(SealedDataException.class)
        .hasMessageContaining("klaxon-data-key/globex/");
    keyring.update("globex", tenant("globex", acmeKey));
    DeliveryReceipt moved = DeliveryReceipt.newBuilder(sealed).setTenantId("globex").build();
    assertThat(receipts.open(moved, keyring)).isInstanceOfSatisfying(Sealer.Opened.Unavailable.class,
        u -> assertThat(u.status()).isEqualTo(Keyring.Status.UNAVAILABLE));
  }

  @Test
  void aMasterKeyThatIsNotThirtyTwoBytesOfBase64IsRefusedNamingTheSetting() {
    assertThatThrownBy(() -> MasterKey.parse("KLAXON_MASTER_KEY_REF", "c2hvcnQ=")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("KLAXON_MASTER_KEY_REF: the master key must be 32 bytes").hasMessageContaining("got 5 bytes");
    assertThatThrownBy(() -> MasterKey.parse("KLAXON_MASTER_KEY_REF", "not base64!")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("KLAXON_MASTER_KEY_REF: the master key is not base64");
    assertThat(MasterKey.parse("x", MasterKey.generate()).id()).hasSize(16);
  }

  private static TenantConfig tenant(String id, DataKey... keys) {
    return TenantConfig.newBuilder().setTenantId(id).setTier(Tier.STANDARD).setDataKeys(new ArrayList<>(List.of(keys))).build();
  }

  private static NotificationRequest request(String tenant) {
    AlertEvent alert = AlertEvent.newBuilder().setEventId("0b9f8d2e-3c3a-4a53-9d53-1d7f6f2b9e41").setTenantId(tenant)
        .setKind(AlertKind.ALERT).setStatus(AlertStatus.FIRING).setSeverity(Severity.CRITICAL).setSource("db-7 monitor")
        .setTitle("disk full on db-7").setMessage("disk full: /var at 100%").setLabels(Map.of("host", "db-7"))
        .setOccurredAt(NOW).build();
    return NotificationRequest.newBuilder().setNotificationId("n-1").setTenantId(tenant).setTier(Tier.STANDARD)
        .setType(NotificationType.ALERT).setAlert(alert).setFingerprint("fp")
        .setTarget(new ChannelTarget("ops-mail", Channel.EMAIL, null, new EmailTarget(List.of("bob@example.com"), List.of()), null,
            null, null))
        .setRouteName("default").setTenantLocale("en").setTimeZone("UTC").setRoutedAt(NOW).build();
  }

  private static DeliveryReceipt receipt(String tenant, String detail) {
    return DeliveryReceipt.newBuilder().setNotificationId("n-1").setTenantId(tenant).setTargetId("ops-mail")
        .setChannel(Channel.EMAIL).setAttempt(1).setOutcome(DeliveryOutcome.FAILED_PERMANENT).setDetail(detail)
        .setLatencyMs(3).setAttemptedAt(NOW).build();
  }
}
