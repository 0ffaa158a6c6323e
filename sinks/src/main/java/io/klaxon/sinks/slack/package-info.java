/**
 * The Slack stand-in: {@link io.klaxon.sinks.slack.SlackApiStandIn} serves the Web API methods the
 * notifier calls and incoming webhooks on 127.0.0.1, one class per job behind it (token check,
 * each method, posting limits, channel directory, timestamps), and plays the workspace when a
 * button is clicked (the signed interaction, signing secrets, response URLs).
 */
package io.klaxon.sinks.slack;
