package io.klaxon.streams.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.RateLimitOverride;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.streams.Samples;
import org.junit.jupiter.api.Test;

class LimitsTest {
  private static TenantConfig withOverride(Tier tier, RateLimitOverride override) {
    return TenantConfig.newBuilder(Samples.tenant("acme", tier)).setRateLimit(override).build();
  }

  @Test
  void eachTierHasTheSpecifiedRateAndBurstAndAReserveOfATenth() {
    assertThat(Limits.forTier(Tier.ENTERPRISE)).isEqualTo(new Limits(6_000, 2_000, 600, 200));
    assertThat(Limits.forTier(Tier.PROFESSIONAL)).isEqualTo(new Limits(1_200, 400, 120, 40));
    assertThat(Limits.forTier(Tier.STANDARD)).isEqualTo(new Limits(300, 100, 30, 10));
    assertThat(Limits.forTier(Tier.TRIAL)).as("the reserve's floor").isEqualTo(new Limits(60, 20, 6, 5));
  }

  @Test
  void aTenantWithoutOverridesGetsItsTiersLimits() {
    assertThat(Limits.of(Samples.tenant("acme", Tier.STANDARD))).isEqualTo(Limits.forTier(Tier.STANDARD));
  }

  @Test
  void anOverriddenRateAndBurstAlsoResizeTheReserve() {
    Limits limits = Limits.of(withOverride(Tier.TRIAL, new RateLimitOverride(1_000, 500, null, null)));

    assertThat(limits).isEqualTo(new Limits(1_000, 500, 100, 50));
  }

  @Test
  void anOverrideOfOneValueKeepsTheTierDefaultsForTheOthers() {
    Limits limits = Limits.of(withOverride(Tier.STANDARD, new RateLimitOverride(null, 3, null, null)));

    assertThat(limits).isEqualTo(new Limits(300, 3, 30, 5));
  }

  @Test
  void theReserveCanBeOverriddenOnItsOwn() {
    Limits limits = Limits.of(withOverride(Tier.ENTERPRISE, new RateLimitOverride(null, null, 12, 2)));

    assertThat(limits).isEqualTo(new Limits(6_000, 2_000, 12, 2));
  }
}
