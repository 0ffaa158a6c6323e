package io.klaxon.notifier.delivery;

import io.klaxon.events.Channel;
import io.klaxon.events.NotificationRequest;
import io.klaxon.notifier.render.RenderedMessage;

/**
 * Transports one rendered message to one channel and classifies the answer. A sender does not
 * retry, wait or pace (the {@link DeliveryEngine} does), and does not throw: every failure is a
 * {@link SendResult}. Implementations are thread-safe and may block (they run on virtual threads).
 */
public interface Sender {
  /** The channel this sender serves. */
  Channel channel();

  /** Sends {@code message}, rendered from {@code request}, to the request's target. */
  SendResult send(NotificationRequest request, RenderedMessage message);
}
