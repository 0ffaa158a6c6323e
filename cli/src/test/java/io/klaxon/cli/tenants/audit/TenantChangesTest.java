package io.klaxon.cli.tenants.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.ApiKey;
import io.klaxon.events.Channel;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.FieldChange;
import io.klaxon.events.TenantChange;
import io.klaxon.events.TenantChangeAction;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.events.WebhookTarget;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TenantChangesTest {
  private static final Instant AT = Instant.parse("2026-12-03T07:00:00Z");
  private static final String HASH_1 = "sha256:" + "1".repeat(64);
  private static final String HASH_2 = "sha256:" + "2".repeat(64);

  private static ChannelTarget hook(String id, String url) {
    return ChannelTarget.newBuilder().setId(id).setChannel(Channel.WEBHOOK)
        .setWebhook(WebhookTarget.newBuilder().setUrl(url).setSecretRef("env:" + id.toUpperCase(java.util.Locale.ROOT)).build()).build();
  }

  private static TenantConfig.Builder acme() {
    return TenantConfig.newBuilder().setTenantId("acme").setEnabled(true).setTier(Tier.ENTERPRISE)
        .setDefaultLocale("en").setTimeZone("UTC").setFeatures(List.of()).setRoutes(List.of())
        .setTargets(List.of(hook("siem", "https://siem.example/a"), hook("audit", "https://audit.example")))
        .setTemplateOverrides(Map.of()).setApiKeys(List.of(new ApiKey("ci", HASH_1, null, false)))
        .setMaintenanceWindows(List.of()).setUpdatedAt(AT.minusSeconds(3600));
  }

  @Test
  void aNewTenantIsCreatedWithEverySettingItHas() {
    TenantChange change = TenantChanges.of("acme", null, acme().build(), "jane", AT).orElseThrow();

    assertThat(change.getAction()).isEqualTo(TenantChangeAction.CREATED);
    assertThat(change.getChanges()).extracting(FieldChange::getPath)
        .contains("tenantId", "targets[siem].webhook.url", "apiKeys[ci].hash").doesNotContain("updatedAt");
    assertThat(change.getChanges()).filteredOn(f -> f.getPath().equals("apiKeys[ci].hash")).singleElement()
        .satisfies(f -> assertThat(f.getAfter()).isEqualTo("changed"));
  }

  @Test
  void anUpdateListsOnlyTheChangedSettingsKeyedByTargetIdAndNeverAHash() {
    TenantConfig before = acme().build();
    TenantConfig after = acme().setUpdatedAt(AT)
        // A target inserted first: the others are matched by id, not shown as changed.
        .setTargets(List.of(hook("pager", "https://pager.example"), hook("siem", "https://siem.example/b"),
            hook("audit", "https://audit.example")))
        .setApiKeys(List.of(new ApiKey("ci", HASH_2, null, false))).build();

    TenantChange change = TenantChanges.of("acme", before, after, "jane", AT).orElseThrow();

    assertThat(change.getAction()).isEqualTo(TenantChangeAction.UPDATED);
    assertThat(change.getChanges()).extracting(FieldChange::getPath, FieldChange::getBefore, FieldChange::getAfter)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("targets[siem].webhook.url", "https://siem.example/a", "https://siem.example/b"),
            org.assertj.core.groups.Tuple.tuple("targets[pager].id", null, "pager"),
            org.assertj.core.groups.Tuple.tuple("targets[pager].channel", null, "WEBHOOK"),
            org.assertj.core.groups.Tuple.tuple("targets[pager].webhook.url", null, "https://pager.example"),
            org.assertj.core.groups.Tuple.tuple("targets[pager].webhook.secretRef", null, "env:PAGER"),
            org.assertj.core.groups.Tuple.tuple("apiKeys[ci].hash", "hidden", "changed"));
    assertThat(change.toString()).doesNotContain(HASH_1, HASH_2);
  }

  @Test
  void turningEnabledOffIsDisabledAndNothingChangedIsNoChange() {
    TenantConfig before = acme().build();

    assertThat(TenantChanges.of("acme", before, acme().setEnabled(false).setUpdatedAt(AT).build(), "jane", AT))
        .hasValueSatisfying(c -> {
          assertThat(c.getAction()).isEqualTo(TenantChangeAction.DISABLED);
          assertThat(c.getChanges()).extracting(FieldChange::getPath).containsExactly("enabled");
        });
    assertThat(TenantChanges.of("acme", before, acme().setUpdatedAt(AT).build(), "jane", AT)).isEmpty();
  }

  @Test
  void deletingIsDeletedUnlessTheTenantDidNotExist() {
    assertThat(TenantChanges.of("acme", acme().build(), null, "jane", AT))
        .hasValueSatisfying(c -> assertThat(c.getAction()).isEqualTo(TenantChangeAction.DELETED));
    assertThat(TenantChanges.of("acme", null, null, "jane", AT)).isEmpty();
  }


  @Test
  void applyingATenantOverItsErasureMarkerCreatesIt() {
    TenantConfig marker = TenantConfig.newBuilder().setTenantId("acme").setTier(Tier.ENTERPRISE).setEnabled(false)
        .setErasedAt(AT.minusSeconds(60)).build();

    TenantChange change = TenantChanges.of("acme", marker, acme().build(), "jane", AT).orElseThrow();

    assertThat(change.getAction()).isEqualTo(TenantChangeAction.CREATED);
    assertThat(change.getChanges()).extracting(FieldChange::getBefore).containsOnlyNulls();
  }

  @Test
  void anErasureReportShowsWhatWasDeletedAndWhere() {
    TenantChange receipt = TenantChange.newBuilder().setTenantId("acme").setAuthor("dpo").setAt(AT)
        .setAction(TenantChangeAction.ERASED).setChanges(List.of())
        .setErasure(io.klaxon.events.ErasureReport.newBuilder().setErasedAt(AT).setReporter("command").setComplete(true)
            .setStateDeleted(Map.of("dedup-store", 12L)).setTombstones(Map.of("klaxon.silences.v1", 2L)).build())
        .build();

    assertThat(TenantChangeFormat.text(receipt)).isEqualTo("""
        2026-12-03T07:00:00Z  ERASED  acme  by dpo
          erasure of 2026-12-03T07:00:00Z, reported by command, complete
          state deleted: dedup-store 12
          tombstones: klaxon.silences.v1 2
        """);
    assertThat(TenantChangeFormat.json(receipt)).contains("\"erasure\":{\"erasedAt\":\"2026-12-03T07:00:00Z\"")
        .contains("\"stateDeleted\":{\"dedup-store\":12}").contains("\"complete\":true");
  }
}
