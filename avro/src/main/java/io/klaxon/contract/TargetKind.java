package io.klaxon.contract;

import io.klaxon.events.Channel;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.DeliveryReceipt;
import java.util.Locale;

/**
 * What a target delivers through: the {@link Channel} it names, or PagerDuty for a target whose
 * {@code pagerduty} member is set. {@code Channel} cannot name PagerDuty (readers of released
 * version 1 could not read a new symbol), so a PagerDuty target carries {@link Channel#WEBHOOK}
 * with no webhook member, and every part that dispatches, counts or limits by channel asks this
 * instead of {@code getChannel()}.
 */
public enum TargetKind {
  SLACK,
  EMAIL,
  WEBHOOK,
  PAGERDUTY;

  /** The kind of {@code target}: PAGERDUTY when its pagerduty member is set, else its channel's. */
  public static TargetKind of(ChannelTarget target) {
    if (target.getPagerduty() != null) {
      return PAGERDUTY;
    }
    return of(target.getChannel());
  }

  /** The kind a {@code channel} names. */
  public static TargetKind of(Channel channel) {
    return switch (channel) {
      case SLACK -> SLACK;
      case EMAIL -> EMAIL;
      case WEBHOOK -> WEBHOOK;
    };
  }

  /** The kind of target {@code receipt} reports on: its {@code destination}, else its channel's. */
  public static TargetKind of(DeliveryReceipt receipt) {
    return PAGERDUTY.label().equals(receipt.getDestination()) ? PAGERDUTY : of(receipt.getChannel());
  }

  /** The kind's name in lower case, as metrics, receipts and tenant files write it: {@code pagerduty}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The {@code destination} a receipt of this kind carries: {@code pagerduty} for PagerDuty, null
   * for a kind its {@code channel} names.
   */
  public String receiptDestination() {
    return this == PAGERDUTY ? label() : null;
  }
}
