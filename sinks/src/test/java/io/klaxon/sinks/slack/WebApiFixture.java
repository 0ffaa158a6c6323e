package io.klaxon.sinks.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klaxon.sinks.inbox.Inbox;
import io.klaxon.sinks.inbox.SlackCapture;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Slack stand-in's parts wired together as the stand-in wires them, on a clock the test moves,
 * without HTTP.
 */
final class WebApiFixture {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T10:00:00Z"));
  final InstantSource clock = now::get;
  final Inbox inbox;
  final PostingLimits limits;
  final ChatPostMessage postMessage;
  final ChatUpdate update;
  final IncomingWebhooks incomingWebhooks;

  WebApiFixture(SlackApiSettings settings, int inboxCapacity) {
    inbox = new Inbox(inboxCapacity);
    limits = new PostingLimits(settings, clock);
    SlackChannels channels = new SlackChannels();
    MessageIndex index = new MessageIndex(inboxCapacity);
    postMessage = new ChatPostMessage(inbox, channels, index, new MessageTimestamps(clock), limits, clock);
    update = new ChatUpdate(inbox, channels, index);
    incomingWebhooks = new IncomingWebhooks(inbox, limits, clock);
  }

  WebApiFixture() {
    this(SlackApiSettings.defaults().withoutRateLimit(), Inbox.DEFAULT_CAPACITY);
  }

  /** Form-urlencoded arguments from name, value pairs. */
  static SlackRequestParams form(String... namesAndValues) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      body.append(body.isEmpty() ? "" : "&").append(namesAndValues[i]).append('=')
          .append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
    }
    return SlackRequestParams.parse("application/x-www-form-urlencoded",
        body.toString().getBytes(StandardCharsets.UTF_8));
  }

  static JsonNode json(SlackAnswer answer) {
    try {
      return MAPPER.readTree(answer.body());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Slack messages in the inbox, newest first. */
  List<SlackCapture> messages() {
    return inbox.captures(SlackCapture.class);
  }
}
