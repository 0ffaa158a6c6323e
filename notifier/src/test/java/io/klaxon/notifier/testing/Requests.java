package io.klaxon.notifier.testing;

import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertGroup;
import io.klaxon.events.AlertKind;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.Channel;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.DigestSummary;
import io.klaxon.events.EmailTarget;
import io.klaxon.events.GroupedAlert;
import io.klaxon.events.Link;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.NotificationType;
import io.klaxon.events.PagerDutyTarget;
import io.klaxon.events.Severity;
import io.klaxon.events.SlackTarget;
import io.klaxon.events.SuppressionSummary;
import io.klaxon.events.Tier;
import io.klaxon.events.TitleCount;
import io.klaxon.events.WebhookTarget;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Notification requests for tests. */
public final class Requests {
  public static final Instant OCCURRED = Instant.parse("2026-11-22T10:15:30Z");
  /** When the group of {@link #group()} opened. */
  public static final Instant GROUP_STARTED = Instant.parse("2026-11-22T10:05:00Z");
  /** The window of {@link #digest()}: an hour. */
  public static final Instant DIGEST_START = Instant.parse("2026-11-22T09:00:00Z");
  public static final Instant DIGEST_END = Instant.parse("2026-11-22T10:00:00Z");

  private Requests() {}

  public static AlertEvent.Builder alert() {
    return AlertEvent.newBuilder()
        .setEventId("6f1c2a9e-8d1b-4c57-9f0e-2b7f3d4a5c6e")
        .setTenantId("acme")
        .setKind(AlertKind.ALERT)
        .setStatus(AlertStatus.FIRING)
        .setSeverity(Severity.CRITICAL)
        .setSource("checkout-api")
        .setTitle("Disk almost full")
        .setMessage("Volume /data is 97% full")
        .setLabels(Map.of("region", "eu-west-1", "env", "prod"))
        .setOccurredAt(OCCURRED)
        .setLinks(List.of(new Link("https://runbooks.example.com/disk", "Runbook")));
  }

  public static NotificationRequest.Builder request(ChannelTarget target) {
    return NotificationRequest.newBuilder()
        .setNotificationId("ntf-0001")
        .setTenantId("acme")
        .setTenantName("Acme Corp")
        .setTier(Tier.ENTERPRISE)
        .setType(NotificationType.ALERT)
        .setAlert(alert().build())
        .setFingerprint("fp-1")
        .setTarget(target)
        .setRouteName("default:ENTERPRISE")
        .setTenantLocale("en")
        .setTimeZone("UTC")
        .setRoutedAt(OCCURRED.plusSeconds(1));
  }

  public static NotificationRequest.Builder summaryRequest(ChannelTarget target, long count) {
    return request(target).setType(NotificationType.SUPPRESSION_SUMMARY).setAlert(null).setFingerprint(null)
        .setSummary(SuppressionSummary.newBuilder().setSuppressedCount(count)
            .setBySeverity(Map.of("INFO", count)).setWindowStart(OCCURRED).setWindowEnd(OCCURRED.plusSeconds(60)).build());
  }

  /**
   * The second flush of group {@code g-7f3a} (rule disk-usage, grouped by env and region): a
   * critical alert that joined since the first flush, a warning still firing, a high one that
   * resolved since; two firing, one resolved, none left out.
   */
  public static AlertGroup.Builder group() {
    return AlertGroup.newBuilder()
        .setGroupKey("g-7f3a")
        .setGroupLabels(Map.of("env", "prod", "region", "eu-west-1"))
        .setSequence(2)
        .setFiring(2)
        .setResolved(1)
        .setAlerts(List.of(
            grouped("fp-disk", alert().build(), true),
            grouped("fp-cpu", alert().setTitle("CPU busy").setSource("billing-api").setSeverity(Severity.WARNING).build(), false),
            grouped("fp-mem", alert().setTitle("Memory low").setSource("search-api").setSeverity(Severity.HIGH)
                .setStatus(AlertStatus.RESOLVED).build(), true)))
        .setOmitted(0)
        .setMostSevere(Severity.CRITICAL)
        .setStartedAt(GROUP_STARTED);
  }

  public static GroupedAlert grouped(String fingerprint, AlertEvent alert, boolean changed) {
    return GroupedAlert.newBuilder().setFingerprint(fingerprint).setAlert(alert).setChanged(changed).build();
  }

  /** A GROUP request as the topology writes it: the group's most severe listed alert in {@code alert}. */
  public static NotificationRequest.Builder groupRequest(ChannelTarget target, AlertGroup group) {
    return request(target).setType(NotificationType.GROUP).setNotificationId("ntf-group-" + group.getSequence())
        .setFingerprint("group:" + group.getGroupKey()).setRouteName("disk-usage")
        .setAlert(group.getAlerts().isEmpty() ? null : group.getAlerts().getFirst().getAlert()).setGroup(group);
  }

  public static NotificationRequest.Builder groupRequest(ChannelTarget target) {
    return groupRequest(target, group().build());
  }

  /**
   * An hour's digest: 42 firing occurrences (3 high, 30 warning, 9 info), 20 from checkout-api, 12
   * from billing-api and 10 from other sources, two top titles, 4 resolved.
   */
  public static DigestSummary.Builder digest() {
    return DigestSummary.newBuilder()
        .setWindowStart(DIGEST_START)
        .setWindowEnd(DIGEST_END)
        .setFiring(42)
        .setResolved(4)
        .setBySeverity(Map.of("HIGH", 3L, "WARNING", 30L, "INFO", 9L))
        .setBySource(Map.of("checkout-api", 20L, "billing-api", 12L))
        .setOtherSources(10)
        .setTopTitles(List.of(titleCount("Queue slow", 12), titleCount("Disk almost full", 5)));
  }

  public static TitleCount titleCount(String title, long count) {
    return TitleCount.newBuilder().setTitle(title).setCount(count).build();
  }

  /** A DIGEST request as the topology writes it: no alert, no fingerprint, route {@code digest}. */
  public static NotificationRequest.Builder digestRequest(ChannelTarget target, DigestSummary digest) {
    return request(target).setType(NotificationType.DIGEST).setNotificationId("ntf-digest-1").setAlert(null)
        .setFingerprint(null).setRouteName("digest").setDigest(digest);
  }

  public static NotificationRequest.Builder digestRequest(ChannelTarget target) {
    return digestRequest(target, digest().build());
  }

  public static ChannelTarget slackChannel(String channel) {
    return ChannelTarget.newBuilder().setId("slack-ops").setChannel(Channel.SLACK)
        .setSlack(SlackTarget.newBuilder().setChannel(channel).setWebhookUrlRef(null).build()).build();
  }

  public static ChannelTarget slackWebhook(String channel, String urlRef) {
    return ChannelTarget.newBuilder().setId("slack-hook").setChannel(Channel.SLACK)
        .setSlack(SlackTarget.newBuilder().setChannel(channel).setWebhookUrlRef(urlRef).build()).build();
  }

  public static ChannelTarget email(String... to) {
    return ChannelTarget.newBuilder().setId("email-oncall").setChannel(Channel.EMAIL)
        .setEmail(EmailTarget.newBuilder().setTo(List.of(to)).setCc(List.of()).build()).build();
  }

  public static ChannelTarget webhook(String url, String secretRef) {
    return ChannelTarget.newBuilder().setId("hook-1").setChannel(Channel.WEBHOOK)
        .setWebhook(WebhookTarget.newBuilder().setUrl(url).setSecretRef(secretRef).build()).build();
  }

  /** A PagerDuty target: channel WEBHOOK with no webhook member, as the contract carries one ({@code TargetKind}). */
  public static ChannelTarget pagerDuty(String eventsUrl, String routingKeyRef) {
    return ChannelTarget.newBuilder().setId("pager").setChannel(Channel.WEBHOOK)
        .setPagerduty(PagerDutyTarget.newBuilder().setRoutingKeyRef(routingKeyRef).setEventsUrl(eventsUrl).build()).build();
  }
}
