package io.klaxon.streams.route;

import io.klaxon.contract.LabelMatchers;
import io.klaxon.events.AlertKind;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.RoutingRule;
import io.klaxon.events.Severity;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Picks an alert's targets from its tenant's routing rules, Alertmanager-style: rules in order, a
 * rule matches when the alert is at least as severe as its threshold, of one of its kinds and every
 * label matcher holds; the first match wins unless it sets {@code continueMatching}. A tenant
 * without rules gets its tier's default: every target, for alerts at least as severe as the tier's
 * threshold (ENTERPRISE and PROFESSIONAL: all; STANDARD: WARNING and up; TRIAL: HIGH and up).
 *
 * <p>Targets come only from the tenant's own configuration; a rule naming an unknown target id is
 * skipped for that id. A regular expression that does not compile never holds, with {@code =~} or
 * {@code !~}, so the rule does not match. Each target appears at most once. Thread-safe (compiled patterns are cached); matchers mean what {@link LabelMatchers} says.
 */
public final class SeverityRouter {
  private final LabelMatchers matchers = new LabelMatchers();

  /** The least severe alert the tier's default routing accepts. */
  public static Severity defaultThreshold(Tier tier) {
    return switch (tier) {
      case ENTERPRISE, PROFESSIONAL -> Severity.INFO;
      case STANDARD -> Severity.WARNING;
      case TRIAL -> Severity.HIGH;
    };
  }

  public List<RouteMatch> route(TenantConfig tenant, Severity severity, AlertKind kind, Map<String, String> labels) {
    Map<String, ChannelTarget> targetsById = new LinkedHashMap<>();
    for (ChannelTarget target : tenant.getTargets()) {
      targetsById.putIfAbsent(target.getId(), target);
    }
    Map<String, RouteMatch> chosen = new LinkedHashMap<>();
    if (tenant.getRoutes().isEmpty()) {
      if (atLeast(severity, defaultThreshold(tenant.getTier()))) {
        String name = "default:" + tenant.getTier().name().toLowerCase(Locale.ROOT);
        targetsById.values().forEach(t -> chosen.put(t.getId(), new RouteMatch(name, t)));
      }
      return List.copyOf(chosen.values());
    }
    for (RoutingRule rule : tenant.getRoutes()) {
      if (!matches(rule, severity, kind, labels)) {
        continue;
      }
      for (String id : rule.getTargets()) {
        ChannelTarget target = targetsById.get(id);
        if (target != null) {
          chosen.putIfAbsent(id, new RouteMatch(rule.getName(), target, rule.getGroup()));
        }
      }
      if (!rule.getContinueMatching()) {
        break;
      }
    }
    return new ArrayList<>(chosen.values());
  }

  private boolean matches(RoutingRule rule, Severity severity, AlertKind kind, Map<String, String> labels) {
    if (!atLeast(severity, rule.getMinSeverity())) {
      return false;
    }
    if (!rule.getKinds().isEmpty() && !rule.getKinds().contains(kind)) {
      return false;
    }
    return matchers.all(rule.getMatchers(), labels);
  }

  /** CRITICAL is the most severe; "at least WARNING" accepts CRITICAL, HIGH and WARNING. */
  static boolean atLeast(Severity severity, Severity threshold) {
    return severity.ordinal() <= threshold.ordinal();
  }
}
