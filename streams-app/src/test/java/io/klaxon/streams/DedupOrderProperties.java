package io.klaxon.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.AlertStatus;
import io.klaxon.events.Severity;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.streams.dedup.DedupState;
import io.klaxon.streams.route.RoutableAlert;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Deduplication is per tenant and fingerprint: the decisions on one fingerprint's events depend
 * only on those events, in their own order, and not on how the events of other fingerprints or
 * other tenants (the same fingerprint text included) interleave with them. It holds because the
 * dedup store is keyed by tenant and fingerprint and every decision reads and writes that key
 * alone. (Within one fingerprint order does matter, by design: see {@code DedupDecisionProperties}.)
 */
class DedupOrderProperties {
  private static final List<TenantConfig> TENANTS = List.of(Samples.tenant("acme", Tier.ENTERPRISE),
      Samples.tenant("globex", Tier.STANDARD));
  private static final List<String> FINGERPRINTS = List.of("fp-a", "fp-b");

  /** One input: which tenant and fingerprint, its status and how far after the previous one it comes. */
  record Input(int tenant, int fingerprint, AlertStatus status, long gapMs) {
    String key() {
      return tenant + "/" + fingerprint;
    }
  }

  @Provide
  Arbitrary<List<Input>> inputs() {
    return Combinators.combine(Arbitraries.integers().between(0, TENANTS.size() - 1),
        Arbitraries.integers().between(0, FINGERPRINTS.size() - 1), Arbitraries.of(AlertStatus.class),
        Arbitraries.longs().between(0, 400_000)).as(Input::new).list().ofMaxSize(40);
  }

  @Property(tries = 1_000)
  void eachFingerprintsDecisionsIgnoreHowOthersInterleave(@ForAll("inputs") List<Input> inputs, @ForAll Random random) {
    // Record times per key, in the key's own order; the same per-key sequence is then interleaved differently.
    Map<String, Long> clock = new HashMap<>();
    List<Long> times = new ArrayList<>();
    for (Input input : inputs) {
      times.add(clock.merge(input.key(), Samples.T0 + input.gapMs(), (previous, first) -> previous + input.gapMs()));
    }
    List<Integer> interleaved = reinterleaved(inputs, random);

    assertThat(decisionsByKey(inputs, times, interleaved)).isEqualTo(decisionsByKey(inputs, times, identity(inputs.size())));
  }

  private static Map<String, List<String>> decisionsByKey(List<Input> inputs, List<Long> times, List<Integer> order) {
    MockProcessorContext<String, Object> context = new MockProcessorContext<>();
    InMemoryStores.attach(context, KlaxonTopology.STORE_DEDUP, DedupState.serde());
    InMemoryStores.dedupExpiry(context);
    InMemoryStores.tenants(context, TENANTS.toArray(TenantConfig[]::new));
    DedupProcessor processor = new DedupProcessor(TopologyConfig.defaults(), new TopologyFixture.CountingListener(),
        new OutcomeAudit(false, "alerts"));
    processor.init(context);
    Map<String, List<String>> decisions = new HashMap<>();
    for (int index : order) {
      Input input = inputs.get(index);
      TenantConfig tenant = TENANTS.get(input.tenant());
      context.resetForwards();
      processor.process(new Record<>(tenant.getTenantId(), new ValidAlert(Samples.alert(UUID.randomUUID().toString(),
          tenant.getTenantId(), Severity.HIGH, "Disk full").setFingerprint(FINGERPRINTS.get(input.fingerprint()))
          .setStatus(input.status()).build(), tenant), times.get(index)));
      String decision = context.forwarded().stream().map(f -> (RoutableAlert) f.record().value())
          .map(r -> "pass repeat=" + r.repeat() + " suppressed=" + r.duplicatesSuppressed()).findFirst().orElse("suppressed");
      decisions.computeIfAbsent(input.key(), k -> new ArrayList<>()).add(decision);
    }
    return decisions;
  }

  /** A random interleaving of the inputs that keeps each key's inputs in their order. */
  private static List<Integer> reinterleaved(List<Input> inputs, Random random) {
    Map<String, List<Integer>> byKey = new HashMap<>();
    for (int i = 0; i < inputs.size(); i++) {
      byKey.computeIfAbsent(inputs.get(i).key(), k -> new ArrayList<>()).add(i);
    }
    List<List<Integer>> queues = new ArrayList<>(byKey.values());
    List<Integer> order = new ArrayList<>();
    while (!queues.isEmpty()) {
      List<Integer> queue = queues.get(random.nextInt(queues.size()));
      order.add(queue.remove(0));
      if (queue.isEmpty()) {
        queues.remove(queue);
      }
    }
    return order;
  }

  private static List<Integer> identity(int size) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      order.add(i);
    }
    return order;
  }
}
