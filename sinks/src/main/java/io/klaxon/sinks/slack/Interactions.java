package io.klaxon.sinks.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.klaxon.sinks.inbox.ButtonClicks;
import io.klaxon.sinks.inbox.Capture;
import io.klaxon.sinks.inbox.Inbox;
import io.klaxon.sinks.inbox.SlackButton;
import io.klaxon.sinks.inbox.SlackCapture;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A click on a button of a kept message, sent as Slack sends it to an app's interactivity Request
 * URL: {@code POST} of {@code application/x-www-form-urlencoded} {@code payload=<JSON>}, a
 * {@code block_actions} payload with the user who clicked (the workspace's one user), team,
 * channel, container, the message as it is kept, the button ({@code actions[0]}: action_id,
 * block_id, value, text, style) and a fresh {@code response_url} on the stand-in
 * ({@link ResponseUrls}); signed like Slack, {@code X-Slack-Request-Timestamp} (Unix seconds) and
 * {@code X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:<timestamp>:<body>">} with the message's
 * tenant's signing secret ({@link SigningSecrets}). The answer's status is reported back to the
 * page. Thread-safe.
 */
final class Interactions implements ButtonClicks {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final int MAX_SHOWN_ANSWER = 200;

  private final Inbox inbox;
  private final String url;
  private final SigningSecrets secrets;
  private final ResponseUrls responseUrls;
  private final Supplier<String> standInUrl;
  private final InstantSource clock;
  private final HttpClient http;

  /**
   * @param url the interactivity Request URL, empty when clicks cannot be sent
   * @param standInUrl {@code http://127.0.0.1:<port>} of the stand-in, where response URLs point
   */
  Interactions(Inbox inbox, String url, SigningSecrets secrets, ResponseUrls responseUrls,
      Supplier<String> standInUrl, InstantSource clock) {
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    this.url = Objects.requireNonNull(url, "url");
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    this.responseUrls = Objects.requireNonNull(responseUrls, "responseUrls");
    this.standInUrl = Objects.requireNonNull(standInUrl, "standInUrl");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @Override
  public String click(long inboxId, int index) {
    if (url.isEmpty()) {
      return "not sent: no interactions URL is configured (SINKS_SLACK_INTERACTIONS_URL)";
    }
    Capture kept = inbox.get(inboxId);
    if (!(kept instanceof SlackCapture message)) {
      return "not sent: the message is no longer kept";
    }
    List<SlackButton> buttons = SlackButton.of(message);
    if (index < 0 || index >= buttons.size()) {
      return "not sent: the message has no such button";
    }
    SlackButton button = buttons.get(index);
    String secret = secrets.secretFor(message.tenant());
    if (secret.isEmpty()) {
      return button.actionId() + " not sent: no signing secret for tenant " + message.tenant()
          + " (SINKS_SLACK_SIGNING_SECRET)";
    }
    Instant now = clock.instant();
    String responseUrl = standInUrl.get() + responseUrls.issue(inboxId);
    String body = "payload=" + URLEncoder.encode(payload(message, button, responseUrl, now).toString(),
        StandardCharsets.UTF_8);
    String timestamp = Long.toString(now.getEpochSecond());
    try {
      HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url))
          .timeout(TIMEOUT)
          .header("Content-Type", "application/x-www-form-urlencoded")
          .header("User-Agent", "Slackbot 1.0 (+https://api.slack.com/robots)")
          .header("X-Slack-Request-Timestamp", timestamp)
          .header("X-Slack-Signature", signature(secret, timestamp, body))
          .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
          .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      String shown = answer.statusCode() / 100 == 2 || answer.body().isBlank() ? ""
          : " " + answer.body().substring(0, Math.min(answer.body().length(), MAX_SHOWN_ANSWER));
      return button.actionId() + " sent: answered " + answer.statusCode() + shown;
    } catch (IOException | IllegalArgumentException e) {
      return button.actionId() + " not sent: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return button.actionId() + " not sent: interrupted";
    }
  }

  /** The {@code block_actions} payload of a click on {@code button} of {@code message}. */
  static ObjectNode payload(SlackCapture message, SlackButton button, String responseUrl, Instant now) {
    ObjectNode payload = SlackAnswer.object().put("type", "block_actions");
    payload.putObject("user").put("id", LocalWorkspace.USER_ID).put("username", LocalWorkspace.USER_NAME)
        .put("name", LocalWorkspace.USER_NAME).put("team_id", LocalWorkspace.TEAM_ID);
    payload.put("api_app_id", LocalWorkspace.APP_ID).put("token", "");
    ObjectNode container = payload.putObject("container").put("type", "message").put("message_ts", message.ts())
        .put("channel_id", message.channelId()).put("is_ephemeral", false);
    if (!message.isReply()) {
      container.putNull("thread_ts");
    } else {
      container.put("thread_ts", message.threadTs());
    }
    String actionTs = now.getEpochSecond() + "." + String.format(Locale.ROOT, "%06d", now.getNano() / 1_000);
    payload.put("trigger_id", actionTs + "." + LocalWorkspace.TEAM_ID);
    payload.putObject("team").put("id", LocalWorkspace.TEAM_ID).put("domain", LocalWorkspace.TEAM_DOMAIN);
    payload.putNull("enterprise");
    payload.put("is_enterprise_install", false);
    String channelName = message.channelName().startsWith("#") ? message.channelName().substring(1)
        : message.channelName();
    payload.putObject("channel").put("id", message.channelId()).put("name", channelName);
    payload.set("message", MessageJson.of(message));
    payload.putObject("state").putObject("values");
    payload.put("response_url", responseUrl);
    ObjectNode action = payload.putArray("actions").addObject().put("action_id", button.actionId())
        .put("block_id", button.blockId());
    action.putObject("text").put("type", "plain_text").put("text", button.text()).put("emoji", true);
    action.put("value", button.value());
    if (!button.style().isEmpty()) {
      action.put("style", button.style());
    }
    action.put("type", "button").put("action_ts", actionTs);
    return payload;
  }

  /** {@code v0=<hex HMAC-SHA256 of "v0:<timestamp>:<body>">}, keyed with the signing secret. */
  static String signature(String secret, String timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
      return "v0=" + HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
