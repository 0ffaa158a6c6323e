package io.klaxon.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.AlertKind;
import io.klaxon.events.Channel;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.EmailTarget;
import io.klaxon.events.LabelMatcher;
import io.klaxon.events.MatchOp;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.RoutingRule;
import io.klaxon.events.Severity;
import io.klaxon.events.SlackTarget;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.events.WebhookTarget;
import io.klaxon.streams.route.RoutableAlert;
import io.klaxon.streams.route.SuppressionSummaryDue;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * Routing never reaches a target of another tenant. Random tenant sets whose tenants reuse the same
 * target ids (with destinations of their own), name in their rules ids that only other tenants
 * have, and match on random labels; alerts and summaries of every tenant, some claiming another
 * tenant in their payload, all through one route processor: every request it forwards is keyed by
 * the record's tenant, carries that tenant's id, and its target is one of that tenant's own.
 */
class TenantRoutingIsolationProperties {
  private static final List<String> TARGET_IDS = List.of("oncall", "ops", "siem", "pager");
  private static final List<String> LABEL_NAMES = List.of("env", "team", "region");
  private static final List<String> LABEL_VALUES = List.of("prod", "dev", "db", "", "p.*", "[");

  /** A tenant as generated: which of the shared target ids it has, and its rules. */
  record TenantShape(List<String> targetIds, List<RoutingRule> rules, Tier tier) {}

  /** An input: the tenant's index, what it says, and whether it is a summary. */
  record Input(int tenant, int claimedTenant, Severity severity, AlertKind kind, Map<String, String> labels, boolean summary) {}

  // One processor for every try, as in a stream thread that routes for many tenants in turn.
  private final MockProcessorContext<String, Object> context = new MockProcessorContext<>();
  private final RouteProcessor processor =
      new RouteProcessor(new TopologyFixture.CountingListener(), new OutcomeAudit(false, "alerts"));

  TenantRoutingIsolationProperties() {
    processor.init(context);
  }

  @Provide
  Arbitrary<List<TenantShape>> tenantSets() {
    Arbitrary<LabelMatcher> matcher = Combinators.combine(Arbitraries.of(LABEL_NAMES), Arbitraries.of(MatchOp.class),
        Arbitraries.of(LABEL_VALUES)).as(LabelMatcher::new);
    Arbitrary<RoutingRule> rule = Combinators.combine(Arbitraries.strings().alpha().ofLength(3),
        Arbitraries.of(Severity.class), Arbitraries.of(AlertKind.class).list().uniqueElements().ofMaxSize(2),
        matcher.list().ofMaxSize(2), Arbitraries.of(TARGET_IDS).list().ofMaxSize(3), Arbitraries.of(true, false))
        .as((name, min, kinds, matchers, targets, continueMatching) ->
            new RoutingRule(name, min, kinds, matchers, targets, continueMatching, null));
    Arbitrary<TenantShape> tenant = Combinators.combine(Arbitraries.of(TARGET_IDS).list().uniqueElements().ofMaxSize(4),
        rule.list().ofMaxSize(4), Arbitraries.of(Tier.class)).as(TenantShape::new);
    return tenant.list().ofMinSize(1).ofMaxSize(5);
  }

  @Provide
  Arbitrary<List<Input>> inputs() {
    Arbitrary<Map<String, String>> labels = Arbitraries.maps(Arbitraries.of(LABEL_NAMES), Arbitraries.of(LABEL_VALUES))
        .ofMaxSize(3);
    return Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 4),
        Arbitraries.of(Severity.class), Arbitraries.of(AlertKind.class), labels, Arbitraries.of(false, false, true))
        .as(Input::new).list().ofMinSize(1).ofMaxSize(8);
  }

  @Property(tries = 100_000)
  void everyRequestGoesToATargetOfTheRecordsOwnTenant(@ForAll("tenantSets") List<TenantShape> shapes,
      @ForAll("inputs") List<Input> inputs) {
    List<TenantConfig> tenants = new java.util.ArrayList<>();
    for (int i = 0; i < shapes.size(); i++) {
      tenants.add(tenant("tenant-" + i, shapes.get(i)));
    }
    for (Input input : inputs) {
      TenantConfig tenant = tenants.get(input.tenant() % tenants.size());
      String claimed = tenants.get(input.claimedTenant() % tenants.size()).getTenantId();
      context.resetForwards();
      processor.process(new Record<>(tenant.getTenantId(), routable(tenant, claimed, input), Samples.T0));

      assertThat(context.forwarded()).allSatisfy(forwarded -> {
        NotificationRequest request = (NotificationRequest) forwarded.record().value();
        assertThat(forwarded.record().key()).isEqualTo(tenant.getTenantId());
        assertThat(request.getTenantId()).isEqualTo(tenant.getTenantId());
        assertThat(tenant.getTargets()).contains(request.getTarget());
      });
    }
  }

  private static io.klaxon.streams.route.Routable routable(TenantConfig tenant, String claimedTenant, Input input) {
    if (input.summary()) {
      Map<Severity, Long> suppressed = new EnumMap<>(Severity.class);
      suppressed.put(input.severity(), 3L);
      return new SuppressionSummaryDue(tenant, suppressed, Samples.T0 - 60_000, Samples.T0);
    }
    return new RoutableAlert(Samples.alert(UUID.randomUUID().toString(), claimedTenant, input.severity(), "t")
        .setKind(input.kind()).setLabels(input.labels()).build(), tenant, "fp", false, 0);
  }

  /** A tenant whose targets reach destinations named after it, under ids other tenants use too. */
  private static TenantConfig tenant(String id, TenantShape shape) {
    List<ChannelTarget> targets = shape.targetIds().stream().map(targetId -> switch (Math.floorMod(targetId.hashCode(), 3)) {
      case 0 -> new ChannelTarget(targetId, Channel.SLACK, new SlackTarget("#" + id + "-" + targetId, null, null), null, null, null, null);
      case 1 -> new ChannelTarget(targetId, Channel.EMAIL, null,
          new EmailTarget(List.of(targetId + "@" + id + ".example"), List.of()), null, null, null);
      default -> new ChannelTarget(targetId, Channel.WEBHOOK, null, null,
          new WebhookTarget("https://" + id + ".example/" + targetId, "env:" + id.toUpperCase(Locale.ROOT).replace('-', '_') + "_SECRET"),
          null, null);
    }).toList();
    return TenantConfig.newBuilder().setTenantId(id).setTier(shape.tier()).setTargets(targets).setRoutes(shape.rules())
        .build();
  }
}
