package io.klaxon.notifier.render;

import io.klaxon.contract.TargetKind;
import io.klaxon.contract.DeliveryProfiles;
import io.klaxon.events.AlertGroup;
import io.klaxon.events.DeliveryProfile;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.NotificationType;
import io.klaxon.notifier.metrics.NotifierMetrics;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Turns a {@link NotificationRequest} into the {@link RenderedMessage} of a channel: resolves the
 * locale (alert locale → target locale → tenant locale → default, with ICU fallback such as {@code
 * fr-CA → fr → en}; a language counts when Klaxon or the tenant has a bundle for it; a group's
 * alert locale is the one its listed alerts share, if they do), localizes
 * the texts in the tenant's time zone with the tenant's template overrides and own bundles, and
 * lays them out for Slack, email or webhooks. {@link #render} picks the layout of the request's
 * target channel; {@link #slackMessage}, {@link #emailMessage} and {@link #webhookMessage} make
 * one channel's message, typed for its sender; each also takes a consumer of the {@link
 * TemplateProblem}s met on the way (a broken tenant override, replaced by the default text), so a
 * preview can refuse them and a delivery can report them. The locale resolved for a combination of
 * alert, target and tenant locales is kept when the tenant has no bundles of its own. Thread-safe.
 */
public final class Renderer {
  /** How many resolved locale combinations are kept before they are forgotten all at once. */
  static final int RESOLVED_LOCALES = 4_096;
  private final MessageBundles bundles;
  private final LocaleResolver locales;
  private final NotifierMetrics metrics;
  private final FormatCache formats = new FormatCache(FormatCache.DEFAULT_CAPACITY);
  private final MessageFallbacks fallbacks;
  private final SlackRenderer slack = new SlackRenderer();
  private final EmailRenderer email = new EmailRenderer();
  private final WebhookPayloadRenderer webhook = new WebhookPayloadRenderer();
  /** Locales resolved from Klaxon's bundles alone, by (alert, target, tenant) locale: most tenants have none of their own. */
  private final Map<List<String>, ResolvedLocale> builtInLocales = new ConcurrentHashMap<>();
  private final PagerDutyEventRenderer pagerDuty = new PagerDutyEventRenderer();

  /** A request's resolved locale and its texts in that locale. */

  private record Localized(ResolvedLocale locale, LocalizedMessages messages) {}

  public Renderer(MessageBundles bundles, String defaultLocale, NotifierMetrics metrics) {
    this.bundles = Objects.requireNonNull(bundles, "bundles");
    this.locales = new LocaleResolver(bundles, defaultLocale);
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.fallbacks = new MessageFallbacks(metrics.registry());
  }

  /**
   * Renders {@code request} for its target's channel.
   *
   * @throws IllegalArgumentException when the request is not renderable (no target member for
   *     its channel); such a request can never be delivered
   */
  public RenderedMessage render(NotificationRequest request) {
    return render(request, Renderer::ignore);
  }

  /** Renders {@code request} for its target's channel, reporting broken overrides to {@code problems}. */
  public RenderedMessage render(NotificationRequest request, Consumer<TemplateProblem> problems) {
    return switch (TargetKind.of(request.getTarget())) {
      case SLACK -> slackMessage(request, problems);
      case EMAIL -> emailMessage(request, problems);
      case WEBHOOK -> webhookMessage(request, problems);
      case PAGERDUTY -> pagerDutyMessage(request, problems);
    };
  }

  /** Renders {@code request} as a Slack message, with bidi isolation of right-to-left text. */
  public SlackMessage slackMessage(NotificationRequest request) {
    return slackMessage(request, Renderer::ignore);
  }

  /** {@link #slackMessage(NotificationRequest)}, reporting broken overrides to {@code problems}. */
  public SlackMessage slackMessage(NotificationRequest request, Consumer<TemplateProblem> problems) {
    Localized localized = localize(request, problems);
    BidiIsolation bidi = new BidiIsolation(localized.locale().rightToLeft());
    return slack.render(NotificationView.of(request, localized.messages(), bidi::run), localized.locale());
  }

  /** Renders {@code request} as an email. */
  public EmailMessage emailMessage(NotificationRequest request) {
    return emailMessage(request, Renderer::ignore);
  }

  /** {@link #emailMessage(NotificationRequest)}, reporting broken overrides to {@code problems}. */
  public EmailMessage emailMessage(NotificationRequest request, Consumer<TemplateProblem> problems) {
    Localized localized = localize(request, problems);
    // Email marks every untrusted run; EmailRenderer writes the marks as isolates or <bdi> per part.
    return email.render(NotificationView.of(request, localized.messages(), BidiIsolation::isolate), localized.locale());
  }

  /** Renders {@code request} as a webhook body; its rendered texts isolate untrusted runs as Slack's do. */
  public WebhookMessage webhookMessage(NotificationRequest request) {
    return webhookMessage(request, Renderer::ignore);
  }

  /** {@link #webhookMessage(NotificationRequest)}, reporting broken overrides to {@code problems}. */
  public WebhookMessage webhookMessage(NotificationRequest request, Consumer<TemplateProblem> problems) {
    Localized localized = localize(request, problems);
    BidiIsolation bidi = new BidiIsolation(localized.locale().rightToLeft());
    return webhook.render(request, NotificationView.brief(request, localized.messages(), bidi::run), localized.locale());
  }

  /**
   * Renders {@code request} as a PagerDuty event: a firing alert or group triggers, a resolved one
   * resolves, an acknowledgement (an alert acknowledged in Klaxon) acknowledges.
   *
   * @throws IllegalArgumentException when the request is not an alert or a group with a fingerprint
   *     (a suppression summary or a digest is never a PagerDuty event)
   */
  public PagerDutyMessage pagerDutyMessage(NotificationRequest request, Consumer<TemplateProblem> problems) {
    return pagerDutyMessage(request, PagerDutyEventRenderer.actionOf(request), problems);
  }

  /** Renders {@code request} as a PagerDuty event doing {@code action} to the alert's or group's incident. */
  public PagerDutyMessage pagerDutyMessage(NotificationRequest request, PagerDutyMessage.Action action,
      Consumer<TemplateProblem> problems) {
    Localized localized = localize(request, problems);
    if (request.getAcknowledged() != null) {
      return pagerDuty.acknowledgement(request, localized.locale());
    }
    BidiIsolation bidi = new BidiIsolation(localized.locale().rightToLeft());
    return pagerDuty.render(request, NotificationView.of(request, localized.messages(), bidi::run), localized.locale(), action);
  }

  /** How many parsed patterns this renderer shares between renderings. */
  int cachedFormats() {
    return formats.size();
  }

  private Localized localize(NotificationRequest request, Consumer<TemplateProblem> problems) {
    String alertLocale = alertLocale(request);
    DeliveryProfile delivery = DeliveryProfiles.of(request);
    TenantBundles own = TenantBundles.of(delivery.getMessageBundles());
    MessageCatalog catalog = new MessageCatalog(bundles, own);
    String targetLocale = request.getTarget().getLocale();
    ResolvedLocale locale;
    if (own == TenantBundles.NONE) {
      List<String> key = Arrays.asList(alertLocale, targetLocale, delivery.getDefaultLocale());
      locale = builtInLocales.get(key);
      if (locale == null) {
        locale = locales.resolve(catalog, alertLocale, targetLocale, delivery.getDefaultLocale());
        if (builtInLocales.size() >= RESOLVED_LOCALES) {
          // Producers choose alert locales: no stream of odd tags may grow this for good.
          builtInLocales.clear();
        }
        builtInLocales.put(key, locale);
      }
    } else {
      locale = locales.resolve(catalog, alertLocale, targetLocale, delivery.getDefaultLocale());
    }
    return new Localized(locale, new LocalizedMessages(catalog, formats, locale, delivery.getTimeZone(),
        delivery.getTemplateOverrides(), request.getTenantId(), metrics, fallbacks, problems));
  }

  /**
   * The locale the producer asked for: an alert's own; a group's when every alert it lists asks for
   * the same one. A group mixing languages (or listing none) is written in the target's or the
   * tenant's, never in whichever language its most severe alert happens to carry; so is a summary
   * or a digest, which carries no alert.
   */
  private static String alertLocale(NotificationRequest request) {
    if (request.getType() != NotificationType.GROUP) {
      return request.getAlert() == null ? null : request.getAlert().getLocale();
    }
    AlertGroup group = request.getGroup();
    if (group == null || group.getAlerts().isEmpty()) {
      return null;
    }
    String first = group.getAlerts().getFirst().getAlert().getLocale();
    boolean shared = group.getAlerts().stream().allMatch(grouped -> Objects.equals(grouped.getAlert().getLocale(), first));
    return shared ? first : null;
  }

  /** Where a rendering's template problems go when the caller does not ask for them. */
  private static void ignore(TemplateProblem problem) {}
}
