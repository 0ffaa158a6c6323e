package io.klaxon.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.klaxon.events.Channel;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.EmailTarget;
import io.klaxon.events.RoutingRule;
import io.klaxon.events.Severity;
import io.klaxon.events.SlackTarget;
import io.klaxon.events.TenantConfig;
import io.klaxon.sinks.inbox.EmailCapture;
import io.klaxon.sinks.inbox.Inbox;
import io.klaxon.sinks.inbox.SlackCapture;
import io.klaxon.sinks.slack.SlackApiSettings;
import io.klaxon.sinks.slack.SlackApiStandIn;
import io.klaxon.sinks.smtp.SmtpStandIn;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Slack and SMTP receivers of the {@code sink-faults} scenario, in the harness: a Slack API
 * stand-in (the notifier posts with its bot token) that can answer every posting with 429 and a
 * {@code Retry-After} for a while, and a real SMTP server that can be taken down and brought back on
 * the same port. Some tenants get a Slack and an email target for their CRITICAL alerts ({@link
 * #withTargets}); what arrives is counted by notification id (Slack message metadata, the email's
 * {@code X-Klaxon-Notification-Id}) for the verifier.
 */
final class ChannelSinks implements AutoCloseable {
  /** A Slack posting rate the notifier may use per channel: the faults, not the pace, are under test. */
  static final String SLACK_PACE = "50";
  private static final String TOKEN = "xoxb-chaos-standin";

  private final Inbox inbox = new Inbox(1_000_000);
  private final SlackApiStandIn slack;
  private final int smtpPort;
  private SmtpStandIn smtp;

  private ChannelSinks() throws IOException {
    this.slack = SlackApiStandIn.start(SlackApiSettings.defaults().withoutRateLimit().withToken(TOKEN), inbox);
    this.smtp = SmtpStandIn.start(0, inbox);
    this.smtpPort = smtp.port();
  }

  static ChannelSinks start() throws IOException {
    return new ChannelSinks();
  }

  /** The notifier's settings that point its Slack and email channels here. */
  Map<String, String> notifierSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("notifier.SLACK_API_URL", slack.methodsUrlPrefix());
    settings.put("notifier.SLACK_BOT_TOKEN", TOKEN);
    settings.put("notifier.SLACK_PACE_PER_SECOND", SLACK_PACE);
    settings.put("notifier.SLACK_PACE_BURST", SLACK_PACE);
    settings.put("notifier.SMTP_HOST", "127.0.0.1");
    settings.put("notifier.SMTP_PORT", Integer.toString(smtpPort));
    return settings;
  }

  /**
   * {@code configs} with a Slack target (channel {@code #alerts-<tenant>}) and an email target for
   * the CRITICAL alerts of each tenant in {@code tenants}, besides what they had.
   */
  static List<TenantConfig> withTargets(List<TenantConfig> configs, Set<String> tenants) {
    List<TenantConfig> out = new ArrayList<>();
    for (TenantConfig config : configs) {
      if (!tenants.contains(config.getTenantId())) {
        out.add(config);
        continue;
      }
      String id = config.getTenantId();
      List<ChannelTarget> targets = new ArrayList<>(config.getTargets());
      targets.add(ChannelTarget.newBuilder().setId("slack").setChannel(Channel.SLACK)
          .setSlack(SlackTarget.newBuilder().setChannel("#alerts-" + id).build()).build());
      targets.add(ChannelTarget.newBuilder().setId("mail").setChannel(Channel.EMAIL)
          .setEmail(EmailTarget.newBuilder().setTo(List.of("oncall@" + id + ".example")).build()).build());
      List<RoutingRule> routes = new ArrayList<>();
      routes.add(RoutingRule.newBuilder().setName("critical-to-people").setMinSeverity(Severity.CRITICAL)
          .setKinds(List.of()).setMatchers(List.of()).setTargets(List.of("slack", "mail")).setContinueMatching(true)
          .build());
      routes.addAll(config.getRoutes());
      out.add(TenantConfig.newBuilder(config).setTargets(targets).setRoutes(routes).build());
    }
    return out;
  }

  /** Every Slack posting is answered 429 with {@code Retry-After: retryAfterSeconds} from now on; 0 ends it. */
  void slackStorm(long retryAfterSeconds) {
    slack.rateLimitStorm(retryAfterSeconds);
  }

  /** Stops the SMTP server: connections are refused until {@link #smtpUp}. */
  synchronized void smtpDown() {
    smtp.close();
  }

  /** Starts the SMTP server again, on the same port. */
  synchronized void smtpUp() {
    smtp = SmtpStandIn.start(smtpPort, inbox);
  }

  /** Slack postings answered 429. */
  long slackRefused() {
    return slack.rateLimitedCount();
  }

  /** Slack postings that came back to a channel sooner than its last 429's {@code Retry-After}. */
  long slackEarlyRetries() {
    return slack.earlyRetryCount();
  }

  /** Slack messages received (posts, replies in threads). */
  long slackMessages() {
    return slack.messages().size();
  }

  /** Emails received. */
  long emails() {
    return inbox.captures(EmailCapture.class).size();
  }

  /** What arrived, by notification id: Slack messages by their metadata, emails by their header. */
  Map<String, Integer> arrivals() {
    Map<String, Integer> arrivals = new HashMap<>();
    for (SlackCapture message : slack.messages()) {
      JsonNode id = message.metadata().path("event_payload").path("notification_id");
      if (id.isTextual()) {
        arrivals.merge(id.asText(), 1, Integer::sum);
      }
    }
    for (EmailCapture email : inbox.captures(EmailCapture.class)) {
      String id = email.headers().get("X-Klaxon-Notification-Id");
      if (id != null) {
        arrivals.merge(id, 1, Integer::sum);
      }
    }
    return arrivals;
  }

  @Override
  public synchronized void close() {
    slack.close();
    smtp.close();
  }
}
