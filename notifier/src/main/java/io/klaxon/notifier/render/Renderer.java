package io.klaxon.notifier.render;

import io.klaxon.contract.DeliveryProfiles;
import io.klaxon.events.DeliveryProfile;
import io.klaxon.events.NotificationRequest;
import io.klaxon.notifier.metrics.NotifierMetrics;
import java.util.Objects;

/**
 * Turns a {@link NotificationRequest} into the {@link RenderedMessage} of a channel: resolves the
 * locale (alert locale → target locale → tenant locale → default, with ICU fallback such as {@code
 * fr-CA → fr → en}; a language counts when Klaxon or the tenant has a bundle for it), localizes
 * the texts in the tenant's time zone with the tenant's template overrides and own bundles, and
 * lays them out for Slack, email or webhooks. {@link #render} picks the layout of the request's
 * target channel; {@link #slackMessage}, {@link #emailMessage} and {@link #webhookMessage} make
 * one channel's message, typed for its sender. Thread-safe.
 */
public final class Renderer {
  private final MessageBundles bundles;
  private final LocaleResolver locales;
  private final NotifierMetrics metrics;
  private final FormatCache formats = new FormatCache(FormatCache.DEFAULT_CAPACITY);
  private final MessageFallbacks fallbacks;
  private final SlackRenderer slack = new SlackRenderer();
  private final EmailRenderer email = new EmailRenderer();
  private final WebhookPayloadRenderer webhook = new WebhookPayloadRenderer();

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
    return switch (request.getTarget().getChannel()) {
      case SLACK -> slackMessage(request);
      case EMAIL -> emailMessage(request);
      case WEBHOOK -> webhookMessage(request);
    };
  }

  /** Renders {@code request} as a Slack message, with bidi isolation of right-to-left text. */
  public SlackMessage slackMessage(NotificationRequest request) {
    Localized localized = localize(request);
    BidiIsolation bidi = new BidiIsolation(localized.locale().rightToLeft());
    return slack.render(NotificationView.of(request, localized.messages(), bidi::run), localized.locale());
  }

  /** Renders {@code request} as an email. */
  public EmailMessage emailMessage(NotificationRequest request) {
    Localized localized = localize(request);
    // Email marks every untrusted run; EmailRenderer writes the marks as isolates or <bdi> per part.
    return email.render(NotificationView.of(request, localized.messages(), BidiIsolation::isolate), localized.locale());
  }

  /** Renders {@code request} as a webhook body; its rendered texts isolate untrusted runs as Slack's do. */
  public WebhookMessage webhookMessage(NotificationRequest request) {
    Localized localized = localize(request);
    BidiIsolation bidi = new BidiIsolation(localized.locale().rightToLeft());
    return webhook.render(request, NotificationView.of(request, localized.messages(), bidi::run), localized.locale());
  }

  /** How many parsed patterns this renderer shares between renderings. */
  int cachedFormats() {
    return formats.size();
  }

  private Localized localize(NotificationRequest request) {
    String alertLocale = request.getAlert() == null ? null : request.getAlert().getLocale();
    DeliveryProfile delivery = DeliveryProfiles.of(request);
    MessageCatalog catalog = new MessageCatalog(bundles, TenantBundles.of(delivery.getMessageBundles()));
    ResolvedLocale locale = locales.resolve(catalog, alertLocale, request.getTarget().getLocale(), delivery.getDefaultLocale());
    return new Localized(locale, new LocalizedMessages(catalog, formats, locale, delivery.getTimeZone(),
        delivery.getTemplateOverrides(), request.getTenantId(), metrics, fallbacks));
  }
}
