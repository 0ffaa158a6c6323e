package io.klaxon.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.DataKey;
import io.klaxon.events.DeadLetter;
import io.klaxon.events.DeadLetterReason;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.Severity;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.privacy.Keyring;
import io.klaxon.privacy.MasterKey;
import io.klaxon.privacy.MasterKeys;
import io.klaxon.privacy.Sealer;
import io.klaxon.privacy.Sealers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Notifications of a tenant with a data key leave the topology sealed; the others in the clear. */
class SealingTopologyTest {
  private static final long T0 = TopologyFixture.T0;
  private final MasterKeys masters = MasterKeys.of(MasterKey.parse("test", MasterKey.generate()));
  private final TopologyFixture fixture = new TopologyFixture(TopologyConfig.defaults(), new Keyring(masters));
  private final Sealer<NotificationRequest> sealer = Sealers.notifications(fixture.topics);

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void aTenantWithADataKeyHasEveryNotificationSealedAndAReaderWithTheKeyOpensThem() {
    TenantConfig acme = withKeys(TopologyFixture.tenant("acme", Tier.ENTERPRISE), masters.newDataKey("acme", Instant.ofEpochMilli(T0)));
    fixture.putTenant(acme);
    fixture.send(fixture.alert("acme", Severity.CRITICAL, "db-7 disk full"), T0);

    List<NotificationRequest> sent = fixture.drainNotifications();
    assertThat(sent).hasSize(3).allSatisfy(n -> {
      assertThat(n.getSealed()).isNotNull();
      assertThat(n.getSealed().getKeyId()).isEqualTo(acme.getDataKeys().get(0).getKeyId());
      assertThat(n.getAlert().getTitle()).isEmpty();
      assertThat(n.getAlert().getLabels()).isEmpty();
      assertThat(n.getTarget().getSlack()).isNull();
      assertThat(n.getTarget().getEmail()).isNull();
      assertThat(n.getTarget().getWebhook()).isNull();
    });
    Keyring notifier = new Keyring(masters);
    notifier.update("acme", acme);
    assertThat(sent).map(n -> ((Sealer.Opened.Whole<NotificationRequest>) sealer.open(n, notifier)).record())
        .allSatisfy(n -> {
          assertThat(n.getSealed()).isNull();
          assertThat(n.getAlert().getTitle()).isEqualTo("db-7 disk full");
          assertThat(n.getAlert().getLabels()).containsEntry("env", "prod");
        })
        .extracting(n -> n.getTarget().getId()).containsExactlyInAnyOrder("oncall-slack", "ops-email", "siem");
  }

  @Test
  void aTenantWithoutDataKeyIsSentInTheClearBesideOneWithAKey() {
    fixture.putTenant(withKeys(TopologyFixture.tenant("acme", Tier.ENTERPRISE), masters.newDataKey("acme", Instant.ofEpochMilli(T0))));
    fixture.putTenant(TopologyFixture.tenant("globex", Tier.ENTERPRISE));
    fixture.send(fixture.alert("globex", Severity.CRITICAL, "queue stuck"), T0);

    assertThat(fixture.drainNotifications()).hasSize(3).allSatisfy(n -> {
      assertThat(n.getSealed()).isNull();
      assertThat(n.getAlert().getTitle()).isEqualTo("queue stuck");
    });
  }

  @Test
  void aRotatedKeySealsWhatFollowsAndAnErasureLeavesWhatWasSealedUnreadable() {
    DataKey first = masters.newDataKey("acme", Instant.ofEpochMilli(T0));
    fixture.putTenant(withKeys(TopologyFixture.tenant("acme", Tier.ENTERPRISE), first));
    fixture.send(fixture.alert("acme", Severity.CRITICAL, "before rotation"), T0);
    DataKey second = masters.newDataKey("acme", Instant.ofEpochMilli(T0 + 1));
    TenantConfig rotated = withKeys(TopologyFixture.tenant("acme", Tier.ENTERPRISE), first, second);
    fixture.putTenant(rotated);
    fixture.send(fixture.alert("acme", Severity.CRITICAL, "after rotation"), T0 + 1_000);

    List<NotificationRequest> sent = fixture.drainNotifications();
    assertThat(sent).extracting(n -> n.getSealed().getKeyId())
        .containsExactly(first.getKeyId(), first.getKeyId(), first.getKeyId(), second.getKeyId(), second.getKeyId(),
            second.getKeyId());

    Keyring reader = new Keyring(masters);
    reader.update("acme", rotated);
    assertThat(sent).allSatisfy(n -> assertThat(sealer.open(n, reader)).isInstanceOf(Sealer.Opened.Whole.class));
    reader.update("acme", TenantConfig.newBuilder().setTenantId("acme").setTier(Tier.ENTERPRISE).setEnabled(false)
        .setErasedAt(Instant.ofEpochMilli(T0 + 2_000)).build());
    assertThat(sent).allSatisfy(n -> assertThat(sealer.open(n, reader)).isInstanceOf(Sealer.Opened.Erased.class));
  }

  @Test
  void aDeadLetterOfATenantWithAKeyIsSealedAndAnErasedTenantsLettersKeepNoOriginalEvent() {
    TenantConfig acme = withKeys(TopologyFixture.tenant("acme", Tier.ENTERPRISE), masters.newDataKey("acme", Instant.ofEpochMilli(T0)));
    fixture.putTenant(acme);
    fixture.send(fixture.alert("acme", Severity.CRITICAL, "db-7 disk full").setEventId("not-a-uuid"), T0);
    fixture.putTenant(TenantConfig.newBuilder().setTenantId("acme").setTier(Tier.ENTERPRISE).setEnabled(false)
        .setErasedAt(Instant.ofEpochMilli(T0 + 1_000)).build());
    fixture.send(fixture.alert("acme", Severity.CRITICAL, "after the erasure"), T0 + 2_000);

    List<DeadLetter> letters = fixture.deadLetters.readValuesToList();
    assertThat(letters).hasSize(2);
    DeadLetter invalid = letters.get(0);
    assertThat(invalid.getReason()).isEqualTo(DeadLetterReason.INVALID_FIELD);
    assertThat(invalid.getSealed()).isNotNull();
    assertThat(invalid.getOriginalValue()).isNull();
    assertThat(invalid.getDetail()).isEqualTo(Sealers.SEALED_DETAIL);
    assertThat(invalid.getFieldPath()).isEqualTo("eventId");
    Keyring reader = new Keyring(masters);
    reader.update("acme", acme);
    DeadLetter opened = ((Sealer.Opened.Whole<DeadLetter>) Sealers.deadLetters(fixture.topics).open(invalid, reader)).record();
    assertThat(opened.getDetail()).contains("not-a-uuid");
    assertThat(new String(opened.getOriginalValue().array(), java.nio.charset.StandardCharsets.UTF_8)).contains("db-7 disk full");

    DeadLetter afterErasure = letters.get(1);
    assertThat(afterErasure.getReason()).isEqualTo(DeadLetterReason.TENANT_DISABLED);
    assertThat(afterErasure.getDetail()).contains("was erased at");
    assertThat(afterErasure.getOriginalValue()).as("an erased tenant's new events are not kept").isNull();
    assertThat(afterErasure.getSealed()).isNull();
  }

  private static TenantConfig withKeys(TenantConfig tenant, DataKey... keys) {
    return TenantConfig.newBuilder(tenant).setDataKeys(new ArrayList<>(List.of(keys))).build();
  }
}
