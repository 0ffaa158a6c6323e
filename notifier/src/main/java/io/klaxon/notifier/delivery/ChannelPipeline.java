package io.klaxon.notifier.delivery;

import io.klaxon.contract.TargetKind;
import io.klaxon.events.NotificationRequest;
import io.klaxon.notifier.render.EmailMessage;
import io.klaxon.notifier.render.PagerDutyMessage;
import io.klaxon.notifier.render.RenderedMessage;
import io.klaxon.notifier.render.Renderer;
import io.klaxon.notifier.render.SlackMessage;
import io.klaxon.notifier.render.TemplateProblem;
import io.klaxon.notifier.render.WebhookMessage;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * One channel's way from request to transport: the rendering that makes the channel's message and
 * a {@link Sender} of that message type (or of any message, as test doubles are), so a sender is
 * never handed another channel's message. The factories below are the one place where each channel's pair is made. Immutable.
 *
 * @param <M> the channel's message type
 */
public final class ChannelPipeline<M extends RenderedMessage> {
  private final TargetKind channel;
  private final BiFunction<NotificationRequest, Consumer<TemplateProblem>, M> rendering;
  private final Sender<? super M> sender;

  private ChannelPipeline(TargetKind channel, BiFunction<NotificationRequest, Consumer<TemplateProblem>, M> rendering,
      Sender<? super M> sender) {
    this.channel = channel;
    this.rendering = rendering;
    this.sender = Objects.requireNonNull(sender, "sender");
  }

  /** Slack: Block Kit messages. */
  public static ChannelPipeline<SlackMessage> slack(Renderer renderer, Sender<? super SlackMessage> sender) {
    return new ChannelPipeline<>(TargetKind.SLACK, renderer::slackMessage, sender);
  }

  /** Email: subject, text and HTML. */
  public static ChannelPipeline<EmailMessage> email(Renderer renderer, Sender<? super EmailMessage> sender) {
    return new ChannelPipeline<>(TargetKind.EMAIL, renderer::emailMessage, sender);
  }

  /** Webhooks: the signed JSON body. */
  public static ChannelPipeline<WebhookMessage> webhook(Renderer renderer, Sender<? super WebhookMessage> sender) {
    return new ChannelPipeline<>(TargetKind.WEBHOOK, renderer::webhookMessage, sender);
  }

  /**
   * PagerDuty: an Events API v2 event (trigger, resolve); a target whose {@code pagerduty} member
   * is set, whatever its {@code channel} says ({@link TargetKind}).
   */
  public static ChannelPipeline<PagerDutyMessage> pagerDuty(Renderer renderer, Sender<? super PagerDutyMessage> sender) {
    return new ChannelPipeline<>(TargetKind.PAGERDUTY, renderer::pagerDutyMessage, sender);
  }

  /** The kind of target served. */
  public TargetKind channel() {
    return channel;
  }

  /**
   * Renders {@code request} for this channel.
   *
   * @throws RuntimeException when the request cannot be rendered (it can never be delivered)
   */
  public M render(NotificationRequest request) {
    return render(request, problem -> {});
  }

  /**
   * Renders {@code request} for this channel, reporting each tenant template override that had to
   * be replaced by the default text to {@code problems}.
   *
   * @throws RuntimeException when the request cannot be rendered (it can never be delivered)
   */
  public M render(NotificationRequest request, Consumer<TemplateProblem> problems) {
    return rendering.apply(request, problems);
  }

  /** The sender of this channel's messages. */
  public Sender<? super M> sender() {
    return sender;
  }
}
