package io.klaxon.sinks.slack;

import java.util.Objects;

/**
 * Settings of the {@link SlackApiStandIn}.
 *
 * @param port port on 127.0.0.1, 0 for any free one
 * @param token the bot token {@code chat.*} calls must carry ({@code Authorization: Bearer …})
 * @param rateLimited whether Slack-like posting limits apply (on by default)
 * @param messagesPerSecond sustained messages per second per channel or webhook
 * @param burst messages per channel or webhook allowed at once
 * @param interactionsUrl where a click on a message's button is sent (the Slack app's
 *     interactivity Request URL); empty: the buttons cannot be clicked
 * @param signingSecret the workspace's signing secret, signing the interactions of tenants that
 *     have none of their own ({@link SlackApiStandIn#addSigningSecret}); empty for none
 */
public record SlackApiSettings(int port, String token, boolean rateLimited, double messagesPerSecond, int burst,
    String interactionsUrl, String signingSecret) {
  /** The token of {@link #defaults()}. */
  public static final String DEFAULT_TOKEN = "xoxb-klaxon-local";

  public SlackApiSettings {
    Objects.requireNonNull(token, "token");
    interactionsUrl = interactionsUrl == null ? "" : interactionsUrl.strip();
    signingSecret = signingSecret == null ? "" : signingSecret;
    if (!interactionsUrl.isEmpty() && !interactionsUrl.startsWith("http://") && !interactionsUrl.startsWith("https://")) {
      throw new IllegalArgumentException("interactions URL must be http:// or https://");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (!(messagesPerSecond > 0) || burst < 1) {
      throw new IllegalArgumentException("rate limit needs a positive rate and a burst of at least 1");
    }
  }

  /** Without interactions: the buttons are not clickable. */
  public SlackApiSettings(int port, String token, boolean rateLimited, double messagesPerSecond, int burst) {
    this(port, token, rateLimited, messagesPerSecond, burst, "", "");
  }

  /** Any free port, token {@value #DEFAULT_TOKEN}, 1 message per second per channel with a burst of 3. */
  public static SlackApiSettings defaults() {
    return new SlackApiSettings(0, DEFAULT_TOKEN, true, 1.0, 3);
  }

  public SlackApiSettings withPort(int newPort) {
    return new SlackApiSettings(newPort, token, rateLimited, messagesPerSecond, burst, interactionsUrl, signingSecret);
  }

  public SlackApiSettings withToken(String newToken) {
    return new SlackApiSettings(port, newToken, rateLimited, messagesPerSecond, burst, interactionsUrl, signingSecret);
  }

  public SlackApiSettings withRateLimit(double newMessagesPerSecond, int newBurst) {
    return new SlackApiSettings(port, token, true, newMessagesPerSecond, newBurst, interactionsUrl, signingSecret);
  }

  public SlackApiSettings withoutRateLimit() {
    return new SlackApiSettings(port, token, false, messagesPerSecond, burst, interactionsUrl, signingSecret);
  }

  /** Names neither the token nor the signing secret. */
  @Override
  public String toString() {
    return "SlackApiSettings[port=" + port + ", rateLimited=" + rateLimited + ", messagesPerSecond=" + messagesPerSecond
        + ", burst=" + burst + ", interactionsUrl=" + interactionsUrl + ", signingSecret="
        + (signingSecret.isEmpty() ? "none" : "set") + "]";
  }

  /**
   * Clicks on buttons are sent to {@code url}, signed with {@code secret} unless the message's
   * tenant has a secret of its own.
   */
  public SlackApiSettings withInteractions(String url, String secret) {
    return new SlackApiSettings(port, token, rateLimited, messagesPerSecond, burst, url, secret);
  }
}
