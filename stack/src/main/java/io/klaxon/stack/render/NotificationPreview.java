package io.klaxon.stack.render;

import io.klaxon.contract.TargetKind;
import io.klaxon.events.AlertEvent;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.TenantConfig;
import io.klaxon.notifier.metrics.NotifierMetrics;
import io.klaxon.notifier.render.EmailMessage;
import io.klaxon.notifier.render.MessageBundles;
import io.klaxon.notifier.render.PagerDutyMessage;
import io.klaxon.notifier.render.Renderer;
import io.klaxon.notifier.render.SlackMessage;
import io.klaxon.notifier.render.TemplateProblem;
import io.klaxon.notifier.render.WebhookMessage;
import io.klaxon.notifier.slack.SlackPayload;
import io.klaxon.streams.dedup.Fingerprints;
import io.klaxon.streams.route.NotificationRequests;
import io.klaxon.streams.route.RoutableAlert;
import io.klaxon.streams.route.RouteMatch;
import io.klaxon.streams.route.SeverityRouter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What Klaxon would send for one alert of one tenant to its targets of one channel: the request
 * is built as the Streams app builds it ({@link NotificationRequests}, with the fingerprint of
 * {@link Fingerprints} and the route of {@link SeverityRouter}) and rendered by the notifier's own
 * {@link Renderer} and payload code, so the preview and a delivery cannot differ. Thread-safe.
 */
final class NotificationPreview {
  private static final String NOT_ROUTED = "preview";
  private final Renderer renderer;
  private final SeverityRouter router = new SeverityRouter();

  /** One rendering: its target, the route that picks it (or "preview"), the body and the broken overrides. */
  record Rendering(ChannelTarget target, String routeName, boolean routed, String locale, String body,
      List<TemplateProblem> problems) {}

  NotificationPreview(String defaultLocale) {
    this.renderer = new Renderer(MessageBundles.builtIn(), defaultLocale, NotifierMetrics.inMemory());
  }

  /**
   * The tenant's targets of {@code kind}, or only {@code targetId} among them when it is not null
   * (a PagerDuty target is one of PAGERDUTY only, though it carries {@code WEBHOOK}).
   */
  static List<ChannelTarget> targets(TenantConfig tenant, TargetKind kind, String targetId) {
    return tenant.getTargets().stream()
        .filter(t -> TargetKind.of(t) == kind)
        .filter(t -> targetId == null || t.getId().equals(targetId))
        .toList();
  }

  /**
   * Renders {@code alert} for {@code target} in {@code locale} (the alert's own locale when null;
   * otherwise as if the alert asked for it, the first step of the notifier's resolution).
   */
  Rendering render(TenantConfig tenant, AlertEvent alert, ChannelTarget target, String locale) {
    AlertEvent event = locale == null ? alert : AlertEvent.newBuilder(alert).setLocale(locale).build();
    Optional<RouteMatch> route = router.route(tenant, event.getSeverity(), event.getKind(), event.getLabels()).stream()
        .filter(m -> m.target().getId().equals(target.getId()))
        .findFirst();
    RouteMatch match = route.orElse(new RouteMatch(NOT_ROUTED, target));
    NotificationRequest request = NotificationRequests.alert(
        new RoutableAlert(event, tenant, Fingerprints.of(event), false, 0), match, event.getOccurredAt().toEpochMilli());
    Set<TemplateProblem> problems = new LinkedHashSet<>();
    String body;
    String rendered;
    switch (TargetKind.of(target)) {
      case SLACK -> {
        SlackMessage message = renderer.slackMessage(request, problems::add);
        String channel = target.getSlack() == null || target.getSlack().getWebhookUrlRef() != null
            ? null : target.getSlack().getChannel();
        body = SlackPayload.preview(message, channel);
        rendered = message.locale().toLanguageTag();
      }
      case EMAIL -> {
        EmailMessage message = renderer.emailMessage(request, problems::add);
        body = email(message);
        rendered = message.locale().toLanguageTag();
      }
      case WEBHOOK -> {
        WebhookMessage message = renderer.webhookMessage(request, problems::add);
        body = message.body();
        rendered = message.locale().toLanguageTag();
      }
      case PAGERDUTY -> {
        PagerDutyMessage message = renderer.pagerDutyMessage(request, problems::add);
        body = message.event();
        rendered = message.locale().toLanguageTag();
      }
      default -> throw new IllegalArgumentException("no preview for " + TargetKind.of(target));
    }
    return new Rendering(target, match.routeName(), route.isPresent(), rendered, body, new ArrayList<>(problems));
  }

  private static String email(EmailMessage message) {
    return "Subject: " + message.subject() + "\n\n"
        + "--- text/plain; charset=UTF-8 ---\n" + message.text() + (message.text().endsWith("\n") ? "" : "\n")
        + "--- text/html; charset=UTF-8 ---\n" + message.html() + (message.html().endsWith("\n") ? "" : "\n");
  }

  static String describe(ChannelTarget target) {
    Objects.requireNonNull(target, "target");
    return switch (TargetKind.of(target)) {
      case PAGERDUTY -> "routing key " + target.getPagerduty().getRoutingKeyRef()
          + (target.getPagerduty().getEventsUrl() == null ? "" : ", " + target.getPagerduty().getEventsUrl());
      case SLACK -> target.getSlack() == null ? "" : target.getSlack().getWebhookUrlRef() != null
          ? "incoming webhook " + target.getSlack().getWebhookUrlRef() : target.getSlack().getChannel();
      case EMAIL -> target.getEmail() == null ? "" : String.join(", ", target.getEmail().getTo());
      case WEBHOOK -> target.getWebhook() == null ? "" : target.getWebhook().getUrl();
    };
  }
}
