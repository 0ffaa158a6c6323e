package io.klaxon.bench;

import io.klaxon.contract.SupportedLanguages;
import io.klaxon.events.Channel;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.RateLimitOverride;
import io.klaxon.events.GroupPolicy;
import io.klaxon.events.RoutingRule;
import io.klaxon.events.Severity;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.events.WebhookTarget;
import io.klaxon.ops.secret.TenantSecrets;
import io.klaxon.traffic.TenantProfile;
import io.klaxon.traffic.TrafficMix;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tenants of a benchmark run, published by the harness before the pipeline starts. Tenants
 * cycle through the four tiers and the supported languages. TRIAL tenants keep their tier's limit (60 a
 * minute), so every run exercises rate limiting; the others get a limit far above the offered load,
 * so what is measured is the pipeline, not the limiter. Each tenant pages its one signed webhook
 * for HIGH and CRITICAL alerts (the way on-call routing is set up); less severe alerts are routed to
 * no target. The storm tenant's limit is {@link #STORM_PER_SECOND} a second.
 */
public final class BenchTenants {
  /** The variable, after its tenant's prefix, holding every bench webhook target's signing secret. */
  public static final String SECRET_NAME = "WEBHOOK_SECRET";
  /** The storm tenant's rate limit, per second. */
  public static final int STORM_PER_SECOND = 150;
  /** The id of the tenant that storms. */
  public static final String STORM_TENANT = "storm-tenant";
  /** The id of the tenant the side-by-side run with Alertmanager uses: every alert notifies. */
  public static final String SIDE_BY_SIDE_TENANT = "side-by-side";

  /** The id of the tenant the registry-outage scenario creates while the schema registry is down. */
  public static final String LATE_TENANT = "tenant-late";

  private static final Tier[] TIERS = {Tier.ENTERPRISE, Tier.PROFESSIONAL, Tier.STANDARD, Tier.TRIAL};
  private static final int UNLIMITED_PER_MINUTE = 60_000_000;

  private BenchTenants() {}

  /** The traffic profiles of {@code count} regular tenants (not the storm or side-by-side tenant). */
  public static List<TenantProfile> profiles(int count) {
    List<TenantProfile> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String language = SupportedLanguages.ALL.get(i % SupportedLanguages.ALL.size());
      out.add(new TenantProfile(id(i), TIERS[i % TIERS.length], List.of(language), 1));
    }
    return out;
  }

  /** The alert mix of {@code count} regular tenants: 20% duplicates, 10% resolves, 1% poison of every kind. */
  public static TrafficMix typicalMix(int count) {
    return TrafficMix.typical(profiles(count)).withPoison(0.01);
  }

  public static TenantProfile stormProfile() {
    return new TenantProfile(STORM_TENANT, Tier.ENTERPRISE, List.of("en"), 1);
  }

  /** Every tenant the pipeline needs: the regular ones, the storm tenant and the side-by-side tenant. */
  public static List<TenantConfig> configs(int count, String webhookBaseUrl) {
    return configs(count, webhookBaseUrl, false);
  }

  /**
   * The tenants of {@link #configs(int, String)}; with {@code grouped}, the regular tenants' page
   * route groups its alerts ({@link #GROUPING}).
   */
  public static List<TenantConfig> configs(int count, String webhookBaseUrl, boolean grouped) {
    List<TenantConfig> out = new ArrayList<>();
    for (TenantProfile profile : profiles(count)) {
      RateLimitOverride limit = profile.tier() == Tier.TRIAL ? null : perMinute(UNLIMITED_PER_MINUTE);
      TenantConfig tenant = tenant(profile.tenantId(), profile.tier(), profile.locales().getFirst(), limit, true, webhookBaseUrl);
      out.add(grouped ? grouping(tenant) : tenant);
    }
    out.add(tenant(STORM_TENANT, Tier.ENTERPRISE, "en", perMinute(STORM_PER_SECOND * 60), true, webhookBaseUrl));
    out.add(tenant(SIDE_BY_SIDE_TENANT, Tier.ENTERPRISE, "en", perMinute(UNLIMITED_PER_MINUTE), false, webhookBaseUrl));
    return out;
  }

  /** The tenant created during the registry outage: like an ENTERPRISE regular tenant, unlimited. */
  public static TenantConfig lateTenant(String webhookBaseUrl) {
    return tenant(LATE_TENANT, Tier.ENTERPRISE, "en", perMinute(UNLIMITED_PER_MINUTE), true, webhookBaseUrl);
  }

  /** The traffic profile of {@link #LATE_TENANT}. */
  public static TenantProfile lateProfile() {
    return new TenantProfile(LATE_TENANT, Tier.ENTERPRISE, List.of("en"), 1);
  }

  /** How the page route groups with {@code --grouped}: by service, Alertmanager's default timings. */
  public static final GroupPolicy GROUPING = GroupPolicy.newBuilder().setGroupBy(List.of("service"))
      .setGroupWaitMs(30_000L).setGroupIntervalMs(300_000L).setRepeatIntervalMs(14_400_000L).build();

  private static TenantConfig grouping(TenantConfig tenant) {
    List<RoutingRule> routes = tenant.getRoutes().stream()
        .map(rule -> RoutingRule.newBuilder(rule).setGroup(GROUPING).build()).toList();
    return TenantConfig.newBuilder(tenant).setRoutes(routes).build();
  }

  static String id(int index) {
    return String.format("tenant-%03d", index);
  }

  /** The secret reference of {@code tenantId}'s webhook: a variable in the tenant's own namespace. */
  public static String secretRef(String tenantId) {
    return "env:" + TenantSecrets.envPrefix(tenantId) + SECRET_NAME;
  }

  private static RateLimitOverride perMinute(int perMinute) {
    return RateLimitOverride.newBuilder().setPerMinute(perMinute).setBurst(Math.max(100, perMinute / 30))
        .setCriticalPerMinute(perMinute).setCriticalBurst(Math.max(100, perMinute / 30)).build();
  }

  private static TenantConfig tenant(String id, Tier tier, String locale, RateLimitOverride limit, boolean pageOnly,
      String webhookBaseUrl) {
    ChannelTarget webhook = ChannelTarget.newBuilder().setId("hook").setChannel(Channel.WEBHOOK)
        .setWebhook(WebhookTarget.newBuilder().setUrl(webhookBaseUrl + "/hooks/" + id).setSecretRef(secretRef(id)).build())
        .build();
    List<RoutingRule> routes = pageOnly
        ? List.of(RoutingRule.newBuilder().setName("page").setMinSeverity(Severity.HIGH).setKinds(List.of())
            .setMatchers(List.of()).setTargets(List.of("hook")).setContinueMatching(false).build())
        : List.of();
    return TenantConfig.newBuilder()
        .setTenantId(id)
        .setDisplayName("Bench " + id)
        .setEnabled(true)
        .setTier(tier)
        .setDefaultLocale(locale)
        .setTimeZone("UTC")
        .setFeatures(List.of())
        .setRateLimit(limit)
        .setRoutes(routes)
        .setTargets(List.of(webhook))
        .setTemplateOverrides(Map.of())
        .build();
  }
}
