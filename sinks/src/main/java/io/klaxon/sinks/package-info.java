/**
 * Local stand-ins for the outside world that Klaxon's notifier talks to, for the one-command local
 * stack and for tests. Each speaks the real protocol, binds 127.0.0.1 only, starts in milliseconds
 * and is {@link java.lang.AutoCloseable}:
 *
 * <ul>
 *   <li>{@link io.klaxon.sinks.slack.SlackApiStandIn}: Slack's {@code chat.postMessage},
 *       {@code chat.update} and incoming webhooks, with Slack-like rate limits; clicks on its
 *       messages' buttons sent as Slack's signed interactions, and their {@code response_url};
 *   <li>{@link io.klaxon.sinks.smtp.SmtpStandIn}: an SMTP server (GreenMail);
 *   <li>{@link io.klaxon.sinks.webhook.WebhookReceiver}: verifies Standard Webhooks signatures, can inject
 *       failures, counts repeats;
 *   <li>{@link io.klaxon.sinks.pagerduty.PagerDutyStandIn}: PagerDuty's Events API v2 ({@code POST
 *       /v2/enqueue}), validated as PagerDuty does, with an incident per routing key and dedup key;
 *   <li>{@link io.klaxon.sinks.inbox.InboxServer}: the page (and JSON) showing what they all received,
 *       kept in one bounded {@link io.klaxon.sinks.inbox.Inbox}, with clickable Slack buttons.
 * </ul>
 *
 * {@link io.klaxon.sinks.StandIns} starts all of them together.
 */
package io.klaxon.sinks;
