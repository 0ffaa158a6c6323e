package io.klaxon.ingest.quota;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.Tier;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IngestQuotaTest {
  private final AtomicLong nanos = new AtomicLong();
  private final IngestQuota quota = new IngestQuota(limits(new QuotaLimit(60, 10)), nanos::get);

  private static Map<Tier, QuotaLimit> limits(QuotaLimit limit) {
    Map<Tier, QuotaLimit> limits = new EnumMap<>(Tier.class);
    for (Tier tier : Tier.values()) {
      limits.put(tier, limit);
    }
    return limits;
  }

  @Test
  void aBurstPassesThenTheRequestWaitsForItsTokens() {
    assertThat(quota.take("acme", Tier.TRIAL, 10)).isInstanceOf(QuotaDecision.Granted.class);

    QuotaDecision refused = quota.take("acme", Tier.TRIAL, 3);

    assertThat(refused).isEqualTo(new QuotaDecision.Exhausted(Duration.ofSeconds(3)));
    nanos.addAndGet(Duration.ofSeconds(3).toNanos());
    assertThat(quota.take("acme", Tier.TRIAL, 3)).isInstanceOf(QuotaDecision.Granted.class);
  }

  @Test
  void aRefusedRequestTakesNothingAndTenantsHaveTheirOwnBuckets() {
    quota.take("acme", Tier.TRIAL, 8);

    assertThat(quota.take("acme", Tier.TRIAL, 3)).isInstanceOf(QuotaDecision.Exhausted.class);
    assertThat(quota.take("acme", Tier.TRIAL, 2)).isInstanceOf(QuotaDecision.Granted.class);
    assertThat(quota.take("globex", Tier.TRIAL, 10)).isInstanceOf(QuotaDecision.Granted.class);
  }

  @Test
  void moreAlertsThanTheBurstCanNeverPass() {
    assertThat(quota.take("acme", Tier.TRIAL, 11)).isEqualTo(new QuotaDecision.TooMany(10));
    assertThat(quota.take("acme", Tier.TRIAL, 10)).isInstanceOf(QuotaDecision.Granted.class);
  }

  @Test
  void theBucketNeverHoldsMoreThanItsBurst() {
    nanos.addAndGet(Duration.ofHours(1).toNanos());

    assertThat(quota.take("acme", Tier.TRIAL, 10)).isInstanceOf(QuotaDecision.Granted.class);
    assertThat(quota.take("acme", Tier.TRIAL, 1)).isInstanceOf(QuotaDecision.Exhausted.class);
  }
}
