package io.klaxon.cli.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.DataKey;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.privacy.MasterKey;
import io.klaxon.privacy.MasterKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What tenants apply and tenants retain do to a tenant's data keys. */
class DataKeysTest {
  private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
  private final MasterKeys masters = MasterKeys.of(MasterKey.parse("test", MasterKey.generate()));

  @TempDir
  Path dir;

  private TenantConfig tenant(Long retentionMs, DataKey... keys) {
    return TenantConfig.newBuilder().setTenantId("acme").setTier(Tier.STANDARD).setRetentionMs(retentionMs)
        .setDataKeys(new ArrayList<>(List.of(keys))).build();
  }

  private DataKey keyMadeAgo(Duration ago) {
    return masters.newDataKey("acme", NOW.minus(ago));
  }

  @Test
  void aTenantWithoutRetentionKeepsItsKeyAndGetsNoNewOne() {
    DataKey old = keyMadeAgo(Duration.ofDays(400));
    TenantConfig acme = tenant(null, old);

    DataKeys.Plan plan = DataKeys.plan(acme, acme, masters, false, NOW);

    assertThat(plan.tenant().getDataKeys()).containsExactly(old);
    assertThat(plan.note()).isNull();
  }

  @Test
  void aRetentionRotatesTheKeyEveryTenthOfItAndDestroysTheKeysWhoseRecordsAreAllPastIt() {
    Duration retention = Duration.ofDays(10);
    // Keys made 13, 11 and 1.5 days ago: the first sealed records from 13 to 11 days ago, all past 10 days;
    // the second's records go from 11 to 1.5 days ago, some still within them.
    DataKey first = keyMadeAgo(Duration.ofDays(13));
    DataKey second = keyMadeAgo(Duration.ofDays(11));
    DataKey third = keyMadeAgo(Duration.ofHours(36));
    TenantConfig acme = tenant(retention.toMillis(), first, second, third);

    DataKeys.Plan plan = DataKeys.plan(acme, acme, masters, false, NOW);

    List<DataKey> keys = plan.tenant().getDataKeys();
    assertThat(keys).hasSize(3).startsWith(second, third);
    assertThat(keys.getLast().getCreatedAt()).isEqualTo(NOW);
    assertThat(plan.note()).contains("rotated: new data key", "(the last one is older than 1d)",
        "retention 10d: destroyed data key(s) " + first.getKeyId());
  }

  @Test
  void nothingIsDueWhileTheNewestKeyIsYoungerThanTheRotationPeriod() {
    DataKey recent = keyMadeAgo(Duration.ofMinutes(50));
    TenantConfig acme = tenant(Duration.ofHours(5).toMillis(), recent);

    assertThat(DataKeys.rotationPeriod(Duration.ofHours(5))).isEqualTo(Duration.ofHours(1));
    assertThat(DataKeys.rotationPeriod(Duration.ofDays(30))).isEqualTo(Duration.ofDays(3));
    assertThat(DataKeys.plan(acme, acme, masters, false, NOW).tenant().getDataKeys()).containsExactly(recent);
  }

  @Test
  void theOnlyKeyIsNeverDestroyedEvenPastTheRetention() {
    DataKey only = keyMadeAgo(Duration.ofDays(30));
    TenantConfig acme = tenant(Duration.ofDays(1).toMillis(), only);

    List<DataKey> keys = DataKeys.plan(acme, acme, masters, false, NOW).tenant().getDataKeys();

    // The new key is made first; the old one goes only once its successor is a retention old.
    assertThat(keys).hasSize(2).first().isEqualTo(only);
  }

  @Test
  void retentionIsReadFromTheTenantFileAndMustBeAtLeastAnHour() throws IOException {
    assertThat(parse("retention: 30d\n").tenant().orElseThrow().getRetentionMs()).isEqualTo(Duration.ofDays(30).toMillis());
    assertThat(parse("").tenant().orElseThrow().getRetentionMs()).isNull();
    TenantFileParser.FileResult tooShort = parse("retention: 30m\n");
    assertThat(tooShort.tenant()).isEmpty();
    assertThat(tooShort.problems()).anySatisfy(p -> assertThat(p.toString()).contains("retention").contains("at least 1h"));
  }

  private TenantFileParser.FileResult parse(String rest) throws IOException {
    Path file = dir.resolve("acme.yaml");
    Files.writeString(file, "tenantId: acme\ntier: standard\ntargets:\n  - {id: mail, email: {to: [ops@example.com]}}\n" + rest);
    return new TenantFileParser().parse(file);
  }
}
