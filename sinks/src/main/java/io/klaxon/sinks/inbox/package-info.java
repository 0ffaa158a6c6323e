/**
 * What the stand-ins received: the bounded {@link io.klaxon.sinks.inbox.Inbox} of
 * {@link io.klaxon.sinks.inbox.Capture}s (Slack messages, emails, webhooks, PagerDuty events with
 * their incident's state), the tenant each belongs to, and the page and JSON that
 * show them as their recipients would see them, Slack buttons included ({@link
 * io.klaxon.sinks.inbox.SlackButton}, clicked through {@link io.klaxon.sinks.inbox.ButtonClicks}).
 * Depends on no stand-in.
 */
package io.klaxon.sinks.inbox;
