package io.klaxon.sinks;

import io.klaxon.sinks.inbox.Inbox;
import io.klaxon.sinks.inbox.InboxServer;
import io.klaxon.sinks.pagerduty.PagerDutySettings;
import io.klaxon.sinks.pagerduty.PagerDutyStandIn;
import io.klaxon.sinks.slack.SlackApiSettings;
import io.klaxon.sinks.slack.SlackApiStandIn;
import io.klaxon.sinks.smtp.SmtpStandIn;
import io.klaxon.sinks.webhook.WebhookReceiver;
import io.klaxon.sinks.webhook.WebhookReceiverSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * All stand-ins and the inbox page, sharing one {@link Inbox}: what the local stack starts. Either
 * everything starts or nothing is left running. {@link #close()} stops them all.
 */
public final class StandIns implements AutoCloseable {
  private final Inbox inbox;
  private final SlackApiStandIn slack;
  private final SmtpStandIn smtp;
  private final WebhookReceiver webhooks;
  private final PagerDutyStandIn pagerDuty;
  private final InboxServer inboxServer;

  private StandIns(Inbox inbox, SlackApiStandIn slack, SmtpStandIn smtp, WebhookReceiver webhooks,
      PagerDutyStandIn pagerDuty, InboxServer inboxServer) {
    this.inbox = inbox;
    this.slack = slack;
    this.smtp = smtp;
    this.webhooks = webhooks;
    this.pagerDuty = pagerDuty;
    this.inboxServer = inboxServer;
  }

  /**
   * Starts everything as {@link #start(SlackApiSettings, WebhookReceiverSettings, PagerDutySettings,
   * int, int, Inbox)} does, with the PagerDuty stand-in on any free port and without a rate limit.
   *
   * @throws IOException when a port cannot be bound (whatever had started is stopped)
   */
  public static StandIns start(SlackApiSettings slackSettings, WebhookReceiverSettings webhookSettings,
      int smtpPort, int inboxPort, Inbox inbox) throws IOException {
    return start(slackSettings, webhookSettings, PagerDutySettings.defaults(), smtpPort, inboxPort, inbox);
  }

  /**
   * Starts the Slack stand-in, the SMTP server (no authentication), the webhook receiver, the
   * PagerDuty Events API stand-in and the inbox page, all on 127.0.0.1. With an interactions URL in
   * the Slack settings the page's Slack buttons can be clicked.
   *
   * @param smtpPort SMTP port, 0 for any free one
   * @param inboxPort inbox page port, 0 for any free one
   * @throws IOException when a port cannot be bound (whatever had started is stopped)
   */
  public static StandIns start(SlackApiSettings slackSettings, WebhookReceiverSettings webhookSettings,
      PagerDutySettings pagerDutySettings, int smtpPort, int inboxPort, Inbox inbox) throws IOException {
    Objects.requireNonNull(inbox, "inbox");
    List<AutoCloseable> started = new ArrayList<>();
    try {
      SlackApiStandIn slack = SlackApiStandIn.start(slackSettings, inbox);
      started.add(slack);
      SmtpStandIn smtp = SmtpStandIn.start(smtpPort, inbox);
      started.add(smtp);
      WebhookReceiver webhooks = WebhookReceiver.start(webhookSettings, inbox);
      started.add(webhooks);
      PagerDutyStandIn pagerDuty = PagerDutyStandIn.start(pagerDutySettings, inbox);
      started.add(pagerDuty);
      InboxServer page = slack.interactionsUrl().isEmpty() ? InboxServer.start(inboxPort, inbox)
          : InboxServer.start(inboxPort, inbox, slack.buttonClicks());
      return new StandIns(inbox, slack, smtp, webhooks, pagerDuty, page);
    } catch (IOException | RuntimeException e) {
      for (AutoCloseable closeable : started.reversed()) {
        try {
          closeable.close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  /**
   * Starts everything as configured, with a new inbox of the configured capacity.
   *
   * @throws IOException when a port cannot be bound (whatever had started is stopped)
   */
  public static StandIns start(StandInsConfig config) throws IOException {
    return start(config.slack(), config.webhooks(), config.pagerDuty(), config.smtpPort(), config.inboxPort(),
        new Inbox(config.inboxCapacity()));
  }

  /** Where everything listens, one line each, for a start-up message. */
  public String describe() {
    return "inbox page:       " + inboxServer.url() + "\n"
        + "Slack API:        " + slack.methodsUrlPrefix() + " (token " + slack.token() + ")\n"
        + "Slack webhooks:   " + slack.incomingWebhookUrl("<any path>") + "\n"
        + (slack.interactionsUrl().isEmpty() ? "" : "Slack buttons:    clicks go to " + slack.interactionsUrl() + "\n")
        + "SMTP:             " + smtp.host() + ":" + smtp.port() + "\n"
        + "webhook receiver: " + webhooks.url("<any path>") + "\n"
        + "PagerDuty events: " + pagerDuty.eventsUrl();
  }

  public Inbox inbox() {
    return inbox;
  }

  public SlackApiStandIn slack() {
    return slack;
  }

  public SmtpStandIn smtp() {
    return smtp;
  }

  public WebhookReceiver webhooks() {
    return webhooks;
  }

  public PagerDutyStandIn pagerDuty() {
    return pagerDuty;
  }

  public InboxServer inboxServer() {
    return inboxServer;
  }

  @Override
  public void close() {
    inboxServer.close();
    pagerDuty.close();
    webhooks.close();
    smtp.close();
    slack.close();
  }
}
