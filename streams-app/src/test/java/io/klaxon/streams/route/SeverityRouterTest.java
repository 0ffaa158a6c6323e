package io.klaxon.streams.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.AlertKind;
import io.klaxon.events.LabelMatcher;
import io.klaxon.events.MatchOp;
import io.klaxon.events.RoutingRule;
import io.klaxon.events.Severity;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.streams.Samples;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SeverityRouterTest {
  private final SeverityRouter router = new SeverityRouter();

  private static TenantConfig withRules(RoutingRule... rules) {
    return TenantConfig.newBuilder(Samples.tenant("acme", Tier.ENTERPRISE)).setRoutes(List.of(rules)).build();
  }

  private static RoutingRule rule(String name, Severity min, List<LabelMatcher> matchers, boolean continueMatching,
      String... targets) {
    return new RoutingRule(name, min, List.of(), matchers, List.of(targets), continueMatching, null);
  }

  private static LabelMatcher matcher(String name, MatchOp op, String value) {
    return new LabelMatcher(name, op, value);
  }

  /** The chosen targets as {@code target@rule}. */
  private List<String> route(TenantConfig tenant, Severity severity, AlertKind kind, Map<String, String> labels) {
    return router.route(tenant, severity, kind, labels).stream()
        .map(m -> m.target().getId() + "@" + m.routeName()).toList();
  }

  private List<String> route(TenantConfig tenant, Severity severity, Map<String, String> labels) {
    return route(tenant, severity, AlertKind.ALERT, labels);
  }

  @Test
  void withoutRulesEveryTargetGetsWhatTheTierThresholdLetsThrough() {
    for (Tier tier : Tier.values()) {
      TenantConfig tenant = Samples.tenant("acme", tier);
      for (Severity severity : Severity.values()) {
        boolean expected = severity.ordinal() <= SeverityRouter.defaultThreshold(tier).ordinal();
        List<String> chosen = route(tenant, severity, Map.of());
        String name = "default:" + tier.name().toLowerCase(java.util.Locale.ROOT);
        assertThat(chosen).as("%s %s", tier, severity)
            .isEqualTo(expected ? List.of("oncall-slack@" + name, "ops-email@" + name, "siem@" + name) : List.of());
      }
    }
  }

  @Test
  void theTierThresholdsAreAsSpecified() {
    assertThat(SeverityRouter.defaultThreshold(Tier.ENTERPRISE)).isEqualTo(Severity.INFO);
    assertThat(SeverityRouter.defaultThreshold(Tier.PROFESSIONAL)).isEqualTo(Severity.INFO);
    assertThat(SeverityRouter.defaultThreshold(Tier.STANDARD)).isEqualTo(Severity.WARNING);
    assertThat(SeverityRouter.defaultThreshold(Tier.TRIAL)).isEqualTo(Severity.HIGH);
  }

  @Test
  void theFirstMatchingRuleWins() {
    TenantConfig tenant = withRules(
        rule("pages", Severity.HIGH, List.of(), false, "oncall-slack"),
        rule("all", Severity.INFO, List.of(), false, "ops-email"));

    assertThat(route(tenant, Severity.CRITICAL, Map.of())).containsExactly("oncall-slack@pages");
    assertThat(route(tenant, Severity.WARNING, Map.of())).containsExactly("ops-email@all");
  }

  @Test
  void continueLetsLaterRulesAddTargetsEachTargetOnceUntilARuleWithoutIt() {
    TenantConfig tenant = withRules(
        rule("critical", Severity.CRITICAL, List.of(), true, "oncall-slack"),
        rule("again", Severity.INFO, List.of(), true, "oncall-slack", "siem"),
        rule("stops", Severity.INFO, List.of(), false, "siem"),
        rule("after-stop", Severity.INFO, List.of(), false, "ops-email"));

    assertThat(route(tenant, Severity.CRITICAL, Map.of())).containsExactly("oncall-slack@critical", "siem@again");
  }

  @Test
  void rulesThatMatchNothingRouteNowhereWithoutFallingBackToTheTierDefault() {
    TenantConfig tenant = withRules(rule("pages", Severity.CRITICAL, List.of(), false, "oncall-slack"));

    assertThat(route(tenant, Severity.HIGH, Map.of())).isEmpty();
  }

  @Test
  void kindsRestrictARuleWhenGiven() {
    TenantConfig tenant = withRules(
        new RoutingRule("warnings", Severity.INFO, List.of(AlertKind.WARNING), List.of(), List.of("ops-email"), false, null),
        rule("rest", Severity.INFO, List.of(), false, "siem"));

    assertThat(route(tenant, Severity.INFO, AlertKind.WARNING, Map.of())).containsExactly("ops-email@warnings");
    assertThat(route(tenant, Severity.INFO, AlertKind.ALERT, Map.of())).containsExactly("siem@rest");
  }

  @Test
  void equalityMatchersCompareWholeValuesAndAMissingLabelIsEmpty() {
    TenantConfig eq = withRules(rule("prod", Severity.INFO, List.of(matcher("env", MatchOp.EQ, "prod")), false, "siem"));
    TenantConfig neq = withRules(rule("not-prod", Severity.INFO, List.of(matcher("env", MatchOp.NEQ, "prod")), false, "siem"));
    TenantConfig unset = withRules(rule("no-env", Severity.INFO, List.of(matcher("env", MatchOp.EQ, "")), false, "siem"));

    assertThat(route(eq, Severity.INFO, Map.of("env", "prod"))).hasSize(1);
    assertThat(route(eq, Severity.INFO, Map.of("env", "production"))).isEmpty();
    assertThat(route(neq, Severity.INFO, Map.of("env", "staging"))).hasSize(1);
    assertThat(route(neq, Severity.INFO, Map.of("env", "prod"))).isEmpty();
    assertThat(route(neq, Severity.INFO, Map.of())).hasSize(1);
    assertThat(route(unset, Severity.INFO, Map.of())).hasSize(1);
  }

  @Test
  void regexMatchersMustMatchTheWholeValue() {
    TenantConfig regex = withRules(rule("pay", Severity.INFO, List.of(matcher("service", MatchOp.REGEX, "pay.*")), false, "siem"));
    TenantConfig notRegex =
        withRules(rule("not-pay", Severity.INFO, List.of(matcher("service", MatchOp.NOT_REGEX, "pay.*")), false, "siem"));

    assertThat(route(regex, Severity.INFO, Map.of("service", "payments"))).hasSize(1);
    assertThat(route(regex, Severity.INFO, Map.of("service", "repayments"))).as("anchored").isEmpty();
    assertThat(route(notRegex, Severity.INFO, Map.of("service", "repayments"))).hasSize(1);
    assertThat(route(notRegex, Severity.INFO, Map.of("service", "payments"))).isEmpty();
  }

  @Test
  void everyMatcherOfARuleMustHold() {
    TenantConfig tenant = withRules(rule("prod-pay", Severity.INFO,
        List.of(matcher("env", MatchOp.EQ, "prod"), matcher("service", MatchOp.REGEX, "pay.*")), false, "siem"));

    assertThat(route(tenant, Severity.INFO, Map.of("env", "prod", "service", "payments"))).hasSize(1);
    assertThat(route(tenant, Severity.INFO, Map.of("env", "prod", "service", "search"))).isEmpty();
    assertThat(route(tenant, Severity.INFO, Map.of("env", "staging", "service", "payments"))).isEmpty();
  }

  /** A broken pattern matches nothing; negated, it must not match everything. */
  @ParameterizedTest
  @EnumSource(value = MatchOp.class, names = {"REGEX", "NOT_REGEX"})
  void aBrokenPatternNeverHolds(MatchOp op) {
    TenantConfig tenant = withRules(
        rule("broken", Severity.INFO, List.of(matcher("service", op, "pay(")), false, "oncall-slack"),
        rule("rest", Severity.INFO, List.of(), false, "siem"));

    for (Map<String, String> labels : List.of(Map.of("service", "pay("), Map.of("service", "checkout"), Map.<String, String>of())) {
      assertThat(route(tenant, Severity.INFO, labels)).as("%s %s", op, labels).containsExactly("siem@rest");
    }
  }

  @Test
  void aRuleNamingAnUnknownTargetSkipsThatTarget() {
    TenantConfig tenant = withRules(rule("ghostly", Severity.INFO, List.of(), false, "ghost", "ops-email"));

    assertThat(route(tenant, Severity.INFO, Map.of())).containsExactly("ops-email@ghostly");
  }

  @Test
  void targetsComeOnlyFromTheTenantNeverFromTheAlert() {
    TenantConfig tenant = withRules(rule("prod", Severity.INFO, List.of(matcher("env", MatchOp.EQ, "prod")), false, "ops-email"));
    Map<String, String> labels = Map.of("env", "prod", "target", "siem", "targets", "oncall-slack",
        "webhook", "https://evil.example/hook", "slack", "#attackers");

    List<RouteMatch> chosen = router.route(tenant, Severity.CRITICAL, AlertKind.ALERT, labels);

    assertThat(chosen).extracting(RouteMatch::target).containsExactly(tenant.getTargets().get(1));
  }
}
