package io.klaxon.cli.tenants;

import io.klaxon.contract.DeliveryProfiles;
import io.klaxon.contract.SupportedLanguages;
import io.klaxon.contract.TenantIds;
import io.klaxon.events.AlertKind;
import io.klaxon.events.Channel;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.DeliveryProfile;
import io.klaxon.events.EmailTarget;
import io.klaxon.events.IsolationLevel;
import io.klaxon.events.LabelMatcher;
import io.klaxon.events.PagerDutyTarget;
import io.klaxon.events.RateLimitOverride;
import io.klaxon.events.RoutingRule;
import io.klaxon.events.Severity;
import io.klaxon.events.SlackTarget;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.events.WebhookTarget;
import io.klaxon.ops.Durations;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the {@link Located} tree of one tenant file into a {@link TenantConfig}, checking every
 * rule of the tenant file format (see examples/tenants/README.md) and collecting all problems
 * rather than stopping at the first. Stateless and thread-safe; each call uses its own sink.
 */
public final class TenantConfigReader {
  private static final Pattern TARGET_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$");
  private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  private static final Set<String> TENANT_FIELDS = Set.of("tenantId", "displayName", "enabled", "tier",
      "defaultLocale", "timeZone", "features", "rateLimit", "dedupWindow", "repeatInterval", "targets", "routes",
      "templateOverrides", "isolationLevel", "messageBundles", "apiKeys", "maintenanceWindows", "digest", "notificationLimits", "retention");
  private static final Set<String> RATE_FIELDS = Set.of("perMinute", "burst", "criticalPerMinute", "criticalBurst");
  private static final Set<String> TARGET_FIELDS = Set.of("id", "locale", "slack", "email", "webhook", "pagerduty");
  private static final Set<String> SLACK_FIELDS = Set.of("channel", "webhookUrlRef", "signingSecretRef");
  private static final Set<String> EMAIL_FIELDS = Set.of("to", "cc");
  private static final Set<String> WEBHOOK_FIELDS = Set.of("url", "secretRef");
  private static final Set<String> PAGERDUTY_FIELDS = Set.of("routingKeyRef", "eventsUrl");
  private static final Set<String> ROUTE_FIELDS = Set.of("name", "minSeverity", "kinds", "matchers", "targets", "continue",
      "group");

  /** The tenant when the file has no errors (warnings allowed), and every problem found. */
  public record Result(Optional<TenantConfig> tenant, List<Problem> problems) {}

  /**
   * Reads the tenant of file {@code fileName} (its bundle files, {@code messageBundles}, are
   * relative to the file's directory).
   */
  public Result read(String fileName, Located root) {
    ProblemSink sink = new ProblemSink(fileName);
    Path dir = Path.of(fileName).toAbsolutePath().getParent();
    TenantConfig tenant = readTenant(new NodeReader(sink), root, dir);
    return new Result(sink.hasErrors() ? Optional.empty() : Optional.ofNullable(tenant), sink.problems());
  }

  private TenantConfig readTenant(NodeReader r, Located root, Path dir) {
    Located.Mapping map = r.mapping(root, "", TENANT_FIELDS);
    if (map == null) {
      return null;
    }
    TenantConfig.Builder b = TenantConfig.newBuilder();
    Located idNode = r.required(map, "", "tenantId");
    String id = r.string(idNode, "tenantId");
    if (id != null && !TenantIds.isValid(id)) {
      r.sink().error(idNode, "tenantId", "'" + id + "' does not match " + TenantIds.PATTERN.pattern());
    }
    b.setTenantId(id == null ? "" : id);
    b.setDisplayName(r.string(r.optional(map, "displayName"), "displayName"));
    Boolean enabled = r.bool(r.optional(map, "enabled"), "enabled");
    b.setEnabled(enabled == null || enabled);
    Tier tier = r.symbol(r.required(map, "", "tier"), "tier", Tier.class);
    b.setTier(tier == null ? Tier.TRIAL : tier);
    // Read first: a language the tenant brings a bundle for is one it may name as a locale.
    Map<String, Map<String, String>> bundles = new MessageBundlesReader(r, dir).read(r.optional(map, "messageBundles"));
    b.setDefaultLocale(locale(r, r.optional(map, "defaultLocale"), "defaultLocale", bundles));
    b.setTimeZone(timeZone(r, r.optional(map, "timeZone"), "timeZone"));
    b.setFeatures(List.copyOf(new LinkedHashSet<>(r.strings(r.optional(map, "features"), "features"))));
    b.setDigest(DigestPolicyReader.read(r, r.optional(map, "digest"), b.getFeatures()));
    b.setRateLimit(rateLimit(r, r.optional(map, "rateLimit")));
    b.setDedupWindowMs(durationMs(r, r.optional(map, "dedupWindow"), "dedupWindow"));
    b.setRepeatIntervalMs(durationMs(r, r.optional(map, "repeatInterval"), "repeatInterval"));
    b.setRetentionMs(retentionMs(r, r.optional(map, "retention")));
    List<ChannelTarget> targets = targets(r, r.optional(map, "targets"), bundles);
    b.setTargets(targets);
    b.setNotificationLimits(NotificationLimitsReader.read(r, r.optional(map, "notificationLimits"), targets));
    b.setRoutes(routes(r, r.optional(map, "routes"), targets.stream().map(ChannelTarget::getId).distinct().toList()));
    b.setTemplateOverrides(new TemplateOverridesReader(r).read(r.optional(map, "templateOverrides")));
    b.setIsolationLevel(r.symbol(r.optional(map, "isolationLevel"), "isolationLevel", IsolationLevel.class));
    b.setApiKeys(ApiKeysReader.read(r, r.optional(map, "apiKeys")));
    b.setMaintenanceWindows(MaintenanceWindowsReader.read(r, r.optional(map, "maintenanceWindows")));
    DeliveryProfile profile = DeliveryProfile.newBuilder().setDisplayName(b.getDisplayName())
        .setDefaultLocale(b.getDefaultLocale()).setTimeZone(b.getTimeZone()).setTemplateOverrides(b.getTemplateOverrides())
        .setIsolationLevel(b.getIsolationLevel()).setMessageBundles(bundles).build();
    // The flat layout, which every released reader knows, unless the tenant has what only the profile carries.
    return DeliveryProfiles.needsProfile(profile) ? DeliveryProfiles.carry(b, profile).build() : b.build();
  }

  private String locale(NodeReader r, Located node, String path, Map<String, Map<String, String>> bundles) {
    String tag = r.string(node, path);
    if (tag == null) {
      return SupportedLanguages.FALLBACK;
    }
    try {
      Locale locale = new Locale.Builder().setLanguageTag(tag).build();
      if (locale.getLanguage().isEmpty()) {
        r.sink().error(node, path, "'" + tag + "' is not a BCP 47 language tag (for example fr, de-CH, zh-Hans)");
        return SupportedLanguages.FALLBACK;
      }
      if (!MessageBundlesReader.hasTexts(locale.getLanguage(), bundles)) {
        r.sink().warn(node, path, "no notification texts for '" + tag + "'; English is used (supported: "
            + String.join(" ", SupportedLanguages.ALL) + ")");
      }
      return locale.toLanguageTag();
    } catch (IllformedLocaleException e) {
      r.sink().error(node, path, "'" + tag + "' is not a well-formed BCP 47 language tag (for example fr, de-CH, zh-Hans)");
      return SupportedLanguages.FALLBACK;
    }
  }

  private String timeZone(NodeReader r, Located node, String path) {
    String zone = r.string(node, path);
    if (zone == null) {
      return "UTC";
    }
    if (!ZoneId.getAvailableZoneIds().contains(zone)) {
      String hint = Suggestions.closest(zone, ZoneId.getAvailableZoneIds()).map(s -> " (did you mean '" + s + "'?)").orElse("");
      r.sink().error(node, path, "unknown IANA time zone '" + zone + "'" + hint);
      return "UTC";
    }
    return zone;
  }

  private RateLimitOverride rateLimit(NodeReader r, Located node) {
    if (node == null) {
      return null;
    }
    Located.Mapping map = r.mapping(node, "rateLimit", RATE_FIELDS);
    if (map == null) {
      return null;
    }
    if (map.entries().isEmpty()) {
      r.sink().error(node, "rateLimit", "set at least one of " + String.join(", ", RATE_FIELDS.stream().sorted().toList()));
    }
    return RateLimitOverride.newBuilder()
        .setPerMinute(r.positiveInt(r.optional(map, "perMinute"), "rateLimit.perMinute"))
        .setBurst(r.positiveInt(r.optional(map, "burst"), "rateLimit.burst"))
        .setCriticalPerMinute(r.positiveInt(r.optional(map, "criticalPerMinute"), "rateLimit.criticalPerMinute"))
        .setCriticalBurst(r.positiveInt(r.optional(map, "criticalBurst"), "rateLimit.criticalBurst"))
        .build();
  }

  private Long durationMs(NodeReader r, Located node, String path) {
    Duration parsed = r.duration(node, path);
    if (parsed == null) {
      return null;
    }
    if (parsed.isZero()) {
      r.sink().error(node, path, "must be longer than zero");
      return null;
    }
    return parsed.toMillis();
  }

  /** A tenant's retention: at least an hour (its data keys turn over at most hourly). */
  private Long retentionMs(NodeReader r, Located node) {
    Duration parsed = r.duration(node, "retention");
    if (parsed == null) {
      return null;
    }
    if (parsed.compareTo(DataKeys.MIN_RETENTION) < 0) {
      r.sink().error(node, "retention", "must be at least 1h (the tenant's data keys turn over at most hourly)");
      return null;
    }
    return parsed.toMillis();
  }

  private List<ChannelTarget> targets(NodeReader r, Located node, Map<String, Map<String, String>> bundles) {
    List<ChannelTarget> out = new ArrayList<>();
    Map<String, String> seen = new LinkedHashMap<>();
    List<Located> items = r.sequence(node, "targets");
    for (int i = 0; i < items.size(); i++) {
      String path = "targets[" + i + "]";
      Located.Mapping map = r.mapping(items.get(i), path, TARGET_FIELDS);
      if (map == null) {
        continue;
      }
      Located idNode = r.required(map, path, "id");
      String id = r.string(idNode, path + ".id");
      if (id != null && !TARGET_ID.matcher(id).matches()) {
        r.sink().error(idNode, path + ".id", "'" + id + "' is not a valid target id (letters, digits, _ . -; at most 64)");
      } else if (id != null && seen.containsKey(id)) {
        r.sink().error(idNode, path + ".id", "duplicate target id '" + id + "' (first defined at " + seen.get(id) + ")");
      } else if (id != null) {
        seen.put(id, path);
      }
      List<String> channels = new ArrayList<>();
      for (String key : List.of("slack", "email", "webhook", "pagerduty")) {
        if (r.optional(map, key) != null) {
          channels.add(key);
        }
      }
      if (channels.size() != 1) {
        r.sink().error(map, path, channels.isEmpty()
            ? "a target needs exactly one of slack, email, webhook or pagerduty"
            : "a target has exactly one channel, found " + String.join(" and ", channels));
        continue;
      }
      Located localeNode = r.optional(map, "locale");
      ChannelTarget.Builder t = ChannelTarget.newBuilder().setId(id == null ? "" : id)
          .setLocale(localeNode == null ? null : locale(r, localeNode, path + ".locale", bundles));
      String channelPath = path + "." + channels.get(0);
      Located channelNode = r.optional(map, channels.get(0));
      switch (channels.get(0)) {
        case "slack" -> t.setChannel(Channel.SLACK).setSlack(slack(r, channelNode, channelPath));
        case "email" -> t.setChannel(Channel.EMAIL).setEmail(email(r, channelNode, channelPath));
        // Channel has no PAGERDUTY symbol (see TargetKind): a PagerDuty target carries WEBHOOK and no webhook.
        case "pagerduty" -> t.setChannel(Channel.WEBHOOK).setPagerduty(pagerDuty(r, channelNode, channelPath));
        default -> t.setChannel(Channel.WEBHOOK).setWebhook(webhook(r, channelNode, channelPath));
      }
      out.add(t.build());
    }
    return out;
  }

  private SlackTarget slack(NodeReader r, Located node, String path) {
    Located.Mapping map = r.mapping(node, path, SLACK_FIELDS);
    if (map == null) {
      return null;
    }
    String channel = r.string(r.required(map, path, "channel"), path + ".channel");
    Located refNode = r.optional(map, "webhookUrlRef");
    String ref = secretRef(r, refNode, path + ".webhookUrlRef");
    String signing = secretRef(r, r.optional(map, "signingSecretRef"), path + ".signingSecretRef");
    return SlackTarget.newBuilder().setChannel(channel == null ? "" : channel).setWebhookUrlRef(ref)
        .setSigningSecretRef(signing).build();
  }

  private EmailTarget email(NodeReader r, Located node, String path) {
    Located.Mapping map = r.mapping(node, path, EMAIL_FIELDS);
    if (map == null) {
      return null;
    }
    Located toNode = r.required(map, path, "to");
    List<String> to = addresses(r, toNode, path + ".to");
    if (toNode != null && to.isEmpty() && toNode instanceof Located.Sequence seq && seq.items().isEmpty()) {
      r.sink().error(toNode, path + ".to", "at least one address is required");
    }
    List<String> cc = addresses(r, r.optional(map, "cc"), path + ".cc");
    return EmailTarget.newBuilder().setTo(to).setCc(cc).build();
  }

  private List<String> addresses(NodeReader r, Located node, String path) {
    List<String> out = new ArrayList<>();
    List<Located> items = r.sequence(node, path);
    for (int i = 0; i < items.size(); i++) {
      String address = r.string(items.get(i), path + "[" + i + "]");
      if (address != null && !EmailAddress.isValid(address)) {
        r.sink().error(items.get(i), path + "[" + i + "]", "'" + address + "' is not a valid e-mail address");
      } else if (address != null) {
        out.add(address);
      }
    }
    return out;
  }

  private WebhookTarget webhook(NodeReader r, Located node, String path) {
    Located.Mapping map = r.mapping(node, path, WEBHOOK_FIELDS);
    if (map == null) {
      return null;
    }
    Located urlNode = r.required(map, path, "url");
    String url = r.string(urlNode, path + ".url");
    if (url != null) {
      checkWebhookUrl(r, urlNode, path + ".url", url);
    }
    Located refNode = r.required(map, path, "secretRef");
    String ref = secretRef(r, refNode, path + ".secretRef");
    return WebhookTarget.newBuilder().setUrl(url == null ? "" : url).setSecretRef(ref == null ? "" : ref).build();
  }

  private PagerDutyTarget pagerDuty(NodeReader r, Located node, String path) {
    Located.Mapping map = r.mapping(node, path, PAGERDUTY_FIELDS);
    if (map == null) {
      return null;
    }
    String ref = secretRef(r, r.required(map, path, "routingKeyRef"), path + ".routingKeyRef");
    Located urlNode = r.optional(map, "eventsUrl");
    String url = urlNode == null ? null : r.string(urlNode, path + ".eventsUrl");
    if (url != null) {
      checkWebhookUrl(r, urlNode, path + ".eventsUrl", url);
    }
    return PagerDutyTarget.newBuilder().setRoutingKeyRef(ref == null ? "" : ref).setEventsUrl(url).build();
  }

  // https everywhere; plain http only to this machine (the local stand-ins of the one-command stack).
  private void checkWebhookUrl(NodeReader r, Located node, String path, String url) {
    try {
      URI uri = new URI(url);
      if (!uri.isAbsolute() || uri.getHost() == null) {
        r.sink().error(node, path, "'" + url + "' is not an absolute URL with a host");
      } else if (uri.getUserInfo() != null) {
        r.sink().error(node, path, "URL must not embed credentials; use secretRef");
      } else if ("http".equalsIgnoreCase(uri.getScheme())) {
        if (!LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
          r.sink().error(node, path, "plain http is allowed only for localhost/127.0.0.1/[::1]; use https");
        }
      } else if (!"https".equalsIgnoreCase(uri.getScheme())) {
        r.sink().error(node, path, "scheme must be https (or http to localhost), found '" + uri.getScheme() + "'");
      }
    } catch (URISyntaxException e) {
      r.sink().error(node, path, "not a URL: " + e.getReason());
    }
  }

  private String secretRef(NodeReader r, Located node, String path) {
    if (node == null) {
      return null;
    }
    if (!(node instanceof Located.Scalar s && s.value() instanceof String value)) {
      r.sink().error(node, path, "expected a secret reference string, found " + node.kind());
      return null;
    }
    Optional<String> problem = SecretReference.check(value);
    problem.ifPresent(p -> r.sink().error(node, path, p));
    return problem.isPresent() ? null : value;
  }

  private List<RoutingRule> routes(NodeReader r, Located node, List<String> targetIds) {
    List<RoutingRule> out = new ArrayList<>();
    Map<String, String> seen = new LinkedHashMap<>();
    List<Located> items = r.sequence(node, "routes");
    for (int i = 0; i < items.size(); i++) {
      String path = "routes[" + i + "]";
      Located.Mapping map = r.mapping(items.get(i), path, ROUTE_FIELDS);
      if (map == null) {
        continue;
      }
      Located nameNode = r.required(map, path, "name");
      String name = r.string(nameNode, path + ".name");
      if (name != null && seen.containsKey(name)) {
        r.sink().error(nameNode, path + ".name", "duplicate route name '" + name + "' (first defined at " + seen.get(name) + ")");
      } else if (name != null) {
        seen.put(name, path);
      }
      Located severityNode = r.optional(map, "minSeverity");
      Severity severity = severityNode == null ? Severity.INFO : r.symbol(severityNode, path + ".minSeverity", Severity.class);
      List<AlertKind> kinds = new ArrayList<>();
      List<Located> kindNodes = r.sequence(r.optional(map, "kinds"), path + ".kinds");
      for (int k = 0; k < kindNodes.size(); k++) {
        AlertKind kind = r.symbol(kindNodes.get(k), path + ".kinds[" + k + "]", AlertKind.class);
        if (kind != null && !kinds.contains(kind)) {
          kinds.add(kind);
        }
      }
      List<LabelMatcher> matchers = MaintenanceWindowsReader.matchers(r, r.optional(map, "matchers"), path + ".matchers");
      Located targetsNode = r.required(map, path, "targets");
      List<String> targets = new ArrayList<>();
      List<Located> targetNodes = r.sequence(targetsNode, path + ".targets");
      if (targetsNode instanceof Located.Sequence seq && seq.items().isEmpty()) {
        r.sink().error(targetsNode, path + ".targets", "a route needs at least one target");
      }
      for (int t = 0; t < targetNodes.size(); t++) {
        String targetPath = path + ".targets[" + t + "]";
        String id = r.string(targetNodes.get(t), targetPath);
        if (id != null && !targetIds.contains(id)) {
          String hint = Suggestions.closest(id, targetIds).map(s -> "did you mean '" + s + "'? ").orElse("");
          r.sink().error(targetNodes.get(t), targetPath, "unknown target id '" + id + "' (" + hint + "known: "
              + (targetIds.isEmpty() ? "none" : String.join(", ", targetIds)) + ")");
        } else if (id != null) {
          targets.add(id);
        }
      }
      Boolean cont = r.bool(r.optional(map, "continue"), path + ".continue");
      out.add(RoutingRule.newBuilder()
          .setName(name == null ? "" : name)
          .setMinSeverity(severity == null ? Severity.INFO : severity)
          .setKinds(kinds)
          .setMatchers(matchers)
          .setTargets(targets)
          .setContinueMatching(cont != null && cont)
          .setGroup(GroupPolicyReader.read(r, r.optional(map, "group"), path + ".group"))
          .build());
    }
    return out;
  }
}
