package io.klaxon.notifier.render;

import io.klaxon.events.NotificationRequest;
import io.klaxon.notifier.metrics.NotifierMetrics;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Turns a {@link NotificationRequest} into the {@link RenderedMessage} of its target's channel:
 * resolves the locale (alert locale → tenant locale → default, with ICU fallback such as
 * {@code fr-CA → fr → en}), localizes the texts in the tenant's time zone with the tenant's
 * template overrides, and lays them out for Slack, email or webhooks. Thread-safe.
 */
public final class Renderer {
  private final MessageBundles bundles;
  private final LocaleResolver locales;
  private final NotifierMetrics metrics;
  private final SlackRenderer slack = new SlackRenderer();
  private final EmailRenderer email = new EmailRenderer();
  private final WebhookPayloadRenderer webhook = new WebhookPayloadRenderer();

  public Renderer(MessageBundles bundles, String defaultLocale, NotifierMetrics metrics) {
    this.bundles = Objects.requireNonNull(bundles, "bundles");
    this.locales = new LocaleResolver(bundles, defaultLocale);
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  /**
   * Renders {@code request} for its target's channel.
   *
   * @throws IllegalArgumentException when the request is not renderable (no target member for
   *     its channel); such a request can never be delivered
   */
  public RenderedMessage render(NotificationRequest request) {
    String alertLocale = request.getAlert() == null ? null : request.getAlert().getLocale();
    ResolvedLocale locale = locales.resolve(alertLocale, request.getTenantLocale());
    LocalizedMessages messages = new LocalizedMessages(bundles, locale, request.getTimeZone(),
        request.getTemplateOverrides(), request.getTenantId(), metrics);
    return switch (request.getTarget().getChannel()) {
      case SLACK -> {
        BidiIsolation bidi = new BidiIsolation(locale.rightToLeft());
        yield slack.render(NotificationView.of(request, messages, bidi::run), locale);
      }
      // Email marks every untrusted run; EmailRenderer writes the marks as isolates or <bdi> per part.
      case EMAIL -> email.render(NotificationView.of(request, messages, BidiIsolation::isolate), locale);
      case WEBHOOK -> webhook.render(request, NotificationView.of(request, messages, UnaryOperator.identity()), locale);
    };
  }
}
