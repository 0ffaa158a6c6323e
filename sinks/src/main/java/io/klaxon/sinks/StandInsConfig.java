package io.klaxon.sinks;

import io.klaxon.ops.Env;
import io.klaxon.sinks.inbox.Inbox;
import io.klaxon.sinks.pagerduty.PagerDutySettings;
import io.klaxon.sinks.slack.SlackApiSettings;
import io.klaxon.sinks.webhook.WebhookReceiverSettings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The settings of {@link StandIns}, read from environment variables. Every variable is optional:
 *
 * <table>
 *   <caption>Variables</caption>
 *   <tr><th>variable</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code SINKS_INBOX_PORT}</td><td>8090</td><td>inbox page port (0: any free port)</td></tr>
 *   <tr><td>{@code SINKS_INBOX_CAPACITY}</td><td>5000</td><td>captures kept; older ones are dropped and counted</td></tr>
 *   <tr><td>{@code SINKS_SLACK_PORT}</td><td>8091</td><td>Slack stand-in port</td></tr>
 *   <tr><td>{@code SINKS_SLACK_TOKEN}</td><td>{@value SlackApiSettings#DEFAULT_TOKEN}</td><td>bot token chat.* calls must carry</td></tr>
 *   <tr><td>{@code SINKS_SLACK_RATE_LIMIT}</td><td>true</td><td>answer 429 over the per-channel rate</td></tr>
 *   <tr><td>{@code SINKS_SLACK_RATE}</td><td>1.0</td><td>messages per second per channel</td></tr>
 *   <tr><td>{@code SINKS_SLACK_BURST}</td><td>3</td><td>messages per channel allowed at once</td></tr>
 *   <tr><td>{@code SINKS_SLACK_INTERACTIONS_URL}</td><td>none</td><td>where clicks on the inbox page's Slack buttons
 *       are sent (the Slack app's interactivity Request URL); none: the buttons cannot be clicked</td></tr>
 *   <tr><td>{@code SINKS_SLACK_SIGNING_SECRET}</td><td>none</td><td>the signing secret those requests are signed
 *       with</td></tr>
 *   <tr><td>{@code SINKS_SMTP_PORT}</td><td>2525</td><td>SMTP port (no authentication)</td></tr>
 *   <tr><td>{@code SINKS_WEBHOOK_PORT}</td><td>8092</td><td>webhook receiver port</td></tr>
 *   <tr><td>{@code SINKS_WEBHOOK_SECRETS}</td><td>none</td><td>comma-separated {@code <path prefix>=<secret>}, for
 *       example {@code /hooks/acme=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw}</td></tr>
 *   <tr><td>{@code SINKS_WEBHOOK_ACCEPT_ALL}</td><td>false</td><td>answer 204 even when the signature is not valid</td></tr>
 *   <tr><td>{@code SINKS_WEBHOOK_FAILURE_FRACTION}</td><td>0</td><td>fraction of deliveries answered 503 on purpose</td></tr>
 *   <tr><td>{@code SINKS_WEBHOOK_FAILURE_SEED}</td><td>1</td><td>seed of those failures</td></tr>
 *   <tr><td>{@code SINKS_WEBHOOK_TOLERANCE}</td><td>5m</td><td>how far a webhook-timestamp may be from now</td></tr>
 *   <tr><td>{@code SINKS_PAGERDUTY_PORT}</td><td>8093</td><td>PagerDuty Events API stand-in port</td></tr>
 *   <tr><td>{@code SINKS_PAGERDUTY_RATE_LIMIT}</td><td>false</td><td>answer 429 over the per-routing-key rate</td></tr>
 *   <tr><td>{@code SINKS_PAGERDUTY_RATE}</td><td>120</td><td>events per minute per routing key</td></tr>
 *   <tr><td>{@code SINKS_PAGERDUTY_BURST}</td><td>120</td><td>events per routing key allowed at once</td></tr>
 * </table>
 *
 * @param inboxPort inbox page port
 * @param inboxCapacity captures kept
 * @param slack Slack stand-in settings
 * @param smtpPort SMTP port
 * @param webhooks webhook receiver settings
 * @param pagerDuty PagerDuty stand-in settings
 */
public record StandInsConfig(int inboxPort, int inboxCapacity, SlackApiSettings slack, int smtpPort,
    WebhookReceiverSettings webhooks, PagerDutySettings pagerDuty) {
  public static final int DEFAULT_INBOX_PORT = 8090;
  public static final int DEFAULT_SLACK_PORT = 8091;
  public static final int DEFAULT_WEBHOOK_PORT = 8092;
  public static final int DEFAULT_SMTP_PORT = 2525;
  public static final int DEFAULT_PAGERDUTY_PORT = 8093;

  public StandInsConfig {
    Objects.requireNonNull(slack, "slack");
    Objects.requireNonNull(webhooks, "webhooks");
    Objects.requireNonNull(pagerDuty, "pagerDuty");
    if (inboxCapacity < 1) {
      throw new IllegalArgumentException("SINKS_INBOX_CAPACITY must be positive: " + inboxCapacity);
    }
  }

  /**
   * Reads the variables.
   *
   * @throws IllegalArgumentException naming the variable when a value cannot be read
   */
  public static StandInsConfig from(Env env) {
    SlackApiSettings slack = new SlackApiSettings(
        env.integer("SINKS_SLACK_PORT", DEFAULT_SLACK_PORT),
        env.string("SINKS_SLACK_TOKEN", SlackApiSettings.DEFAULT_TOKEN),
        env.bool("SINKS_SLACK_RATE_LIMIT", true),
        env.decimal("SINKS_SLACK_RATE", 1.0),
        env.integer("SINKS_SLACK_BURST", 3),
        env.string("SINKS_SLACK_INTERACTIONS_URL", ""),
        env.string("SINKS_SLACK_SIGNING_SECRET", ""));
    WebhookReceiverSettings webhooks = new WebhookReceiverSettings(
        env.integer("SINKS_WEBHOOK_PORT", DEFAULT_WEBHOOK_PORT),
        java.util.Map.of(),
        env.bool("SINKS_WEBHOOK_ACCEPT_ALL", false),
        env.decimal("SINKS_WEBHOOK_FAILURE_FRACTION", 0.0),
        env.longValue("SINKS_WEBHOOK_FAILURE_SEED", 1L),
        env.duration("SINKS_WEBHOOK_TOLERANCE", Duration.ofMinutes(5)));
    for (String entry : env.list("SINKS_WEBHOOK_SECRETS", List.of())) {
      int eq = entry.indexOf('=');
      if (eq <= 0 || eq == entry.length() - 1) {
        throw new IllegalArgumentException(
            "SINKS_WEBHOOK_SECRETS: each entry must be <path prefix>=<secret>; one entry has no prefix or no secret");
      }
      webhooks = webhooks.withSecret(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
    }
    PagerDutySettings pagerDuty = new PagerDutySettings(
        env.integer("SINKS_PAGERDUTY_PORT", DEFAULT_PAGERDUTY_PORT),
        env.bool("SINKS_PAGERDUTY_RATE_LIMIT", false),
        env.decimal("SINKS_PAGERDUTY_RATE", PagerDutySettings.DEFAULT_EVENTS_PER_MINUTE),
        env.integer("SINKS_PAGERDUTY_BURST", PagerDutySettings.DEFAULT_BURST));
    return new StandInsConfig(env.integer("SINKS_INBOX_PORT", DEFAULT_INBOX_PORT),
        env.integer("SINKS_INBOX_CAPACITY", Inbox.DEFAULT_CAPACITY), slack,
        env.integer("SINKS_SMTP_PORT", DEFAULT_SMTP_PORT), webhooks, pagerDuty);
  }
}
