package io.klaxon.ingest.auth;

import static io.klaxon.ingest.TestTenants.expiring;
import static io.klaxon.ingest.TestTenants.key;
import static io.klaxon.ingest.TestTenants.revoked;
import static io.klaxon.ingest.TestTenants.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenantDirectoryTest {
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final String ACME_KEY = "klx_acme-key-one";
  private static final String GLOBEX_KEY = "klx_globex-key-one";

  private final List<String> deleted = new ArrayList<>();
  private final TenantDirectory directory = new TenantDirectory(deleted::add);

  private Authentication.Refusal refusal(String key) {
    return ((Authentication.Refused) directory.authenticate(key, NOW)).refusal();
  }

  private Caller caller(String key) {
    return ((Authentication.Authenticated) directory.authenticate(key, NOW)).caller();
  }

  @Test
  void aKeyNamesItsOwnTenantOnly() {
    directory.apply("acme", tenant("acme", Tier.ENTERPRISE, key("ci", ACME_KEY)));
    directory.apply("globex", tenant("globex", Tier.TRIAL, key("ci", GLOBEX_KEY)));

    assertThat(caller(ACME_KEY)).isEqualTo(new Caller("acme", "ci", Tier.ENTERPRISE));
    assertThat(caller(GLOBEX_KEY)).isEqualTo(new Caller("globex", "ci", Tier.TRIAL));
  }

  @Test
  void unknownMissingRevokedAndExpiredKeysAreRefused() {
    directory.apply("acme", tenant("acme", Tier.STANDARD, revoked("old", "klx_old"),
        expiring("temp", "klx_temp", NOW), expiring("later", "klx_later", NOW.plusSeconds(1))));

    assertThat(refusal(null)).isEqualTo(Authentication.Refusal.MISSING_KEY);
    assertThat(refusal("klx_nobody")).isEqualTo(Authentication.Refusal.UNKNOWN_KEY);
    assertThat(refusal("klx_old")).isEqualTo(Authentication.Refusal.REVOKED_KEY);
    assertThat(refusal("klx_temp")).isEqualTo(Authentication.Refusal.EXPIRED_KEY);
    assertThat(caller("klx_later").tenantId()).isEqualTo("acme");
  }

  @Test
  void aNewConfigurationReplacesEveryKeySoRevocationAndRotationApplyAtOnce() {
    directory.apply("acme", tenant("acme", Tier.STANDARD, key("v1", "klx_v1")));
    assertThat(caller("klx_v1").keyId()).isEqualTo("v1");

    directory.apply("acme", tenant("acme", Tier.STANDARD, revoked("v1", "klx_v1"), key("v2", "klx_v2")));

    assertThat(refusal("klx_v1")).isEqualTo(Authentication.Refusal.REVOKED_KEY);
    assertThat(caller("klx_v2").keyId()).isEqualTo("v2");
    assertThat(directory.keyCount()).isEqualTo(1);

    directory.apply("acme", tenant("acme", Tier.STANDARD));
    assertThat(refusal("klx_v2")).isEqualTo(Authentication.Refusal.UNKNOWN_KEY);
  }

  @Test
  void aTombstoneDeletesTheTenantAndItsKeys() {
    directory.apply("acme", tenant("acme", Tier.STANDARD, key("ci", ACME_KEY)));

    directory.apply("acme", null);

    assertThat(refusal(ACME_KEY)).isEqualTo(Authentication.Refusal.UNKNOWN_KEY);
    assertThat(directory.knows("acme")).isFalse();
    assertThat(deleted).containsExactly("acme");
  }

  @Test
  void aHashListedByTwoTenantsAuthenticatesNeitherUntilOneDropsIt() {
    directory.apply("acme", tenant("acme", Tier.STANDARD, key("ci", ACME_KEY)));
    directory.apply("globex", tenant("globex", Tier.STANDARD, key("pasted", ACME_KEY)));

    assertThat(refusal(ACME_KEY)).isEqualTo(Authentication.Refusal.AMBIGUOUS_KEY);

    directory.apply("globex", tenant("globex", Tier.STANDARD));
    assertThat(caller(ACME_KEY).tenantId()).isEqualTo("acme");
  }

  @Test
  void aDisabledTenantsKeyIsRefused() {
    TenantConfig disabled = TenantConfig.newBuilder(tenant("acme", Tier.STANDARD, key("ci", ACME_KEY))).setEnabled(false).build();

    directory.apply("acme", disabled);

    assertThat(refusal(ACME_KEY)).isEqualTo(Authentication.Refusal.TENANT_DISABLED);
  }

  @Test
  void aRecordKeyedByAnotherTenantIsIgnored() {
    directory.apply("globex", tenant("acme", Tier.STANDARD, key("ci", ACME_KEY)));

    assertThat(refusal(ACME_KEY)).isEqualTo(Authentication.Refusal.UNKNOWN_KEY);
    assertThat(directory.tenantCount()).isZero();
  }
}
