package io.klaxon.streams;

import static io.klaxon.streams.Samples.MINUTE;
import static io.klaxon.streams.Samples.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.RateLimitOverride;
import io.klaxon.events.Severity;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.streams.ratelimit.BucketState;
import io.klaxon.streams.route.SuppressionSummaryDue;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RateLimitProcessorTest {
  /** TRIAL: burst 20, one token a second; CRITICAL reserve of 5. */
  private static final TenantConfig TINY = Samples.tenant("tiny", Tier.TRIAL);
  private static final TenantConfig ACME = Samples.tenant("acme", Tier.ENTERPRISE);

  private final MockProcessorContext<String, Object> context = new MockProcessorContext<>();
  private final TopologyFixture.CountingListener listener = new TopologyFixture.CountingListener();
  private final RateLimitProcessor processor =
      new RateLimitProcessor(TopologyConfig.defaults(), listener, new OutcomeAudit(false, "alerts"));
  private KeyValueStore<String, BucketState> buckets;
  private KeyValueStore<String, TenantConfig> tenants;

  @BeforeEach
  void init() {
    buckets = InMemoryStores.attach(context, KlaxonTopology.STORE_RATE_LIMIT, BucketState.serde());
    tenants = InMemoryStores.tenants(context, TINY, ACME);
    processor.init(context);
  }

  private void send(TenantConfig tenant, int count, Severity severity, long time) {
    for (int i = 0; i < count; i++) {
      ValidAlert alert = new ValidAlert(
          Samples.alert(UUID.randomUUID().toString(), tenant.getTenantId(), severity, "alert " + i).build(), tenant);
      processor.process(new Record<>(tenant.getTenantId(), alert, time));
    }
  }

  private List<CapturedForward<?, ?>> forwardedTo(String child) {
    return List.copyOf(context.forwarded(child));
  }

  /** Stream-time punctuation at {@code streamTime}, with the wall clock there too (a live pipeline). */
  private void closeWindowAt(long streamTime) {
    context.setCurrentSystemTimeMs(streamTime);
    context.scheduledPunctuators().get(0).getPunctuator().punctuate(streamTime);
  }

  @Test
  void alertsWithATokenGoOnToDedupUnchangedAndTheRestAreCountedAsRateLimited() {

    send(TINY, 25, Severity.HIGH, T0);

    assertThat(forwardedTo(KlaxonTopology.PROC_DEDUP)).hasSize(20)
        .allSatisfy(f -> assertThat(f.record().key()).isEqualTo("tiny"))
        .allSatisfy(f -> assertThat(f.record().timestamp()).isEqualTo(T0));
    assertThat(context.forwarded()).hasSize(20);
    assertThat(listener.count(Outcome.RATE_LIMITED)).isEqualTo(5);
    assertThat(buckets.get("tiny").suppressed()[Severity.HIGH.ordinal()]).isEqualTo(5);
  }

  @Test
  void eachTenantHasItsOwnBuckets() {

    send(TINY, 25, Severity.HIGH, T0);
    send(ACME, 25, Severity.HIGH, T0);

    assertThat(forwardedTo(KlaxonTopology.PROC_DEDUP)).hasSize(45);
    assertThat(buckets.get("acme").suppressedTotal()).isZero();
  }

  @Test
  void theLimitsAreTheTenantsAsTheAlertCarriesThem() {
    TenantConfig overridden = TenantConfig.newBuilder(TINY).setRateLimit(new RateLimitOverride(null, 3, null, null)).build();

    send(overridden, 5, Severity.HIGH, T0);

    assertThat(forwardedTo(KlaxonTopology.PROC_DEDUP)).hasSize(3);
  }

  @Test
  void bucketsRefillByRecordTimeAcrossRecords() {
    send(TINY, 20, Severity.HIGH, T0);

    send(TINY, 1, Severity.HIGH, T0 + 500);
    send(TINY, 3, Severity.HIGH, T0 + 3_500);

    assertThat(forwardedTo(KlaxonTopology.PROC_DEDUP)).hasSize(23);
    assertThat(listener.count(Outcome.RATE_LIMITED)).isEqualTo(1);
  }

  @Test
  void windowsCloseOnStreamTimeEverySummaryInterval() {
    CapturedPunctuator punctuator = context.scheduledPunctuators().get(0);

    assertThat(punctuator.getType()).isEqualTo(PunctuationType.STREAM_TIME);
    assertThat(punctuator.getInterval()).isEqualTo(TopologyConfig.defaults().summaryInterval());
  }

  @Test
  void aClosingWindowSendsOneSummaryPerTenantToRouteAndStartsCountingAgain() {
    send(TINY, 20, Severity.INFO, T0);
    send(TINY, 7, Severity.INFO, T0 + 10);
    send(TINY, 3, Severity.HIGH, T0 + 20);
    send(ACME, 5, Severity.HIGH, T0 + 20);
    context.resetForwards();

    closeWindowAt(T0 + MINUTE);

    List<CapturedForward<?, ?>> summaries = forwardedTo(KlaxonTopology.PROC_ROUTE);
    assertThat(context.forwarded()).hasSize(1);
    assertThat(summaries).hasSize(1);
    Record<?, ?> record = summaries.get(0).record();
    assertThat(record.key()).isEqualTo("tiny");
    assertThat(record.timestamp()).isEqualTo(T0 + MINUTE);
    SuppressionSummaryDue due = (SuppressionSummaryDue) record.value();
    assertThat(due.tenant()).isEqualTo(TINY);
    assertThat(due.suppressed()).isEqualTo(Map.of(Severity.HIGH, 3L, Severity.INFO, 7L));
    assertThat(due.windowStart()).isEqualTo(T0);
    assertThat(due.windowEnd()).isEqualTo(T0 + MINUTE);
    assertThat(buckets.get("tiny").suppressedTotal()).isZero();
    assertThat(buckets.get("tiny").windowStart()).isEqualTo(T0 + MINUTE);

    context.resetForwards();
    closeWindowAt(T0 + 2 * MINUTE);
    assertThat(context.forwarded()).as("nothing suppressed in the next window").isEmpty();
  }

  @Test
  void theNextSummaryCoversTheWindowSinceTheLastOne() {
    send(TINY, 21, Severity.HIGH, T0);
    closeWindowAt(T0 + MINUTE);
    context.resetForwards();

    send(TINY, 100, Severity.HIGH, T0 + MINUTE + 1);
    closeWindowAt(T0 + 2 * MINUTE);

    SuppressionSummaryDue due = (SuppressionSummaryDue) forwardedTo(KlaxonTopology.PROC_ROUTE).get(0).record().value();
    assertThat(due.windowStart()).isEqualTo(T0 + MINUTE);
    assertThat(due.total()).as("a minute refilled the bucket to its burst of 20").isEqualTo(80);
  }

  @Test
  void aTenantDeletedMeanwhileGetsNoSummaryButItsCountsStartAgain() {
    send(TINY, 25, Severity.HIGH, T0);
    tenants.delete("tiny");
    context.resetForwards();

    closeWindowAt(T0 + MINUTE);

    assertThat(context.forwarded()).isEmpty();
    assertThat(buckets.get("tiny").suppressedTotal()).isZero();
  }
}
