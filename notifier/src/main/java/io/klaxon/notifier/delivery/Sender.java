package io.klaxon.notifier.delivery;

import io.klaxon.events.NotificationRequest;
import io.klaxon.notifier.render.RenderedMessage;
import java.util.Optional;

/**
 * Transports one rendered message of its channel to one target and classifies the answer. A
 * sender does not retry, wait or pace (the {@link DeliveryEngine} does), and does not throw: every
 * failure is a {@link SendResult}. It is paired with the renderer of its message type by a {@link
 * ChannelPipeline}. Implementations are thread-safe and may block (they run on virtual threads).
 *
 * @param <M> the message type this sender transports
 */
public interface Sender<M extends RenderedMessage> {
  /** Sends {@code message}, rendered from {@code request}, to the request's target. */
  SendResult send(NotificationRequest request, M message);

  /**
   * The destination whose shared rate sends of {@code request} must keep to, when the channel has
   * one (a Slack channel, which every notification posted to it shares); the engine paces each such
   * key with a token bucket. Empty when sends are not rate-paced: then only Retry-After pauses of
   * the request's own target apply. Keys need to be unique within this sender's channel only.
   */
  default Optional<String> pacingKey(NotificationRequest request) {
    return Optional.empty();
  }

  /**
   * The rate each of this sender's pacing keys keeps to, when it differs from the engine's
   * default (the Slack pace of {@link DeliverySettings}): PagerDuty allows more events per routing
   * key than Slack allows messages per channel.
   */
  default Optional<ChannelPacer.Pace> pace() {
    return Optional.empty();
  }
}
