package io.klaxon.sinks.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.klaxon.ops.OpsServer;
import io.klaxon.sinks.http.LoopbackHttpServer;
import io.klaxon.sinks.inbox.BoundedIndex;
import io.klaxon.sinks.inbox.Capture;
import io.klaxon.sinks.inbox.Inbox;
import io.klaxon.sinks.inbox.InboxChannel;
import io.klaxon.sinks.inbox.InboxEntry;
import io.klaxon.sinks.inbox.InboxQuery;
import io.klaxon.sinks.inbox.SlackCapture;
import io.klaxon.sinks.inbox.TenantAttribution;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A local stand-in for the part of Slack that the notifier uses, on 127.0.0.1, speaking the real
 * protocol so the real slack-api-client talks to it (point {@code SlackConfig}'s methods endpoint
 * prefix at {@link #methodsUrlPrefix()}):
 *
 * <ul>
 *   <li>{@code POST /api/chat.postMessage} and {@code POST /api/chat.update}, form-urlencoded (as
 *       the SDK sends them, with {@code blocks}, {@code attachments} and {@code metadata} as JSON
 *       strings) or JSON. The token ({@code Authorization: Bearer …} or a {@code token} argument)
 *       must be the configured one, else {@code {"ok":false,"error":"invalid_auth"}} (or
 *       {@code not_authed} without one). Answers like Slack: {@code ok}, the channel id
 *       ({@code C…}), {@code ts} ({@code <seconds>.<micros>}) and the message; chat.update changes
 *       the captured message in place, found by channel and ts.
 *   <li>{@code POST /api/auth.test}: who the token is.
 *   <li>{@code POST /services/<anything>}: an incoming webhook taking JSON {@code {text, blocks,
 *       attachments}}, answering {@code ok} as text/plain; captured with its path.
 * </ul>
 *
 * Posting is rate limited like Slack unless turned off: about {@link SlackApiSettings#messagesPerSecond()}
 * per channel (or webhook path) with a small burst; over it the answer is HTTP 429 with a
 * {@code Retry-After} header in seconds (and {@code {"ok":false,"error":"ratelimited"}} on the API),
 * counted by {@link #rateLimitedCount()}. Every accepted message goes to the {@link Inbox}.
 * Thread-safe; {@link #close()} stops the server.
 */
public final class SlackApiStandIn implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String JSON = "application/json; charset=utf-8";
  private static final Pattern CHANNEL_ID = Pattern.compile("[CGD][0-9A-Z]{8,}");
  static final String TEAM_ID = "T0KLAXON0";
  static final String BOT_ID = "B0KLAXON0";
  static final String USER_ID = "U0KLAXON0";

  private final SlackApiSettings settings;
  private final Inbox inbox;
  private final InstantSource clock;
  private final SlackRateLimiter limiter;
  private final AtomicLong rateLimited = new AtomicLong();
  private final AtomicLong lastTsMicros = new AtomicLong();
  private final AtomicLong channelCounter = new AtomicLong();
  private final Map<String, String> channelIdsByName = new ConcurrentHashMap<>();
  private final Map<String, String> channelNamesById = new ConcurrentHashMap<>();
  private final BoundedIndex<String, Long> inboxIdsByMessage;
  private final LoopbackHttpServer server;

  private SlackApiStandIn(SlackApiSettings settings, Inbox inbox, InstantSource clock) throws IOException {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.limiter = new SlackRateLimiter(settings.messagesPerSecond(), settings.burst(), clock);
    // Messages the inbox has dropped cannot be updated anyway.
    this.inboxIdsByMessage = new BoundedIndex<>(inbox.capacity());
    this.server = LoopbackHttpServer.start(settings.port(), Map.of(
        "/api/", this::handleMethod,
        "/services/", this::handleIncomingWebhook,
        "/", exchange -> OpsServer.respond(exchange, 404, "text/plain; charset=utf-8", "no_such_path")));
  }

  /**
   * Starts the stand-in on the system clock.
   *
   * @throws IOException when the port cannot be bound
   */
  public static SlackApiStandIn start(SlackApiSettings settings, Inbox inbox) throws IOException {
    return new SlackApiStandIn(settings, inbox, InstantSource.system());
  }

  /** Starts the stand-in with a given clock (for rate limits and timestamps). */
  public static SlackApiStandIn start(SlackApiSettings settings, Inbox inbox, InstantSource clock) throws IOException {
    return new SlackApiStandIn(settings, inbox, clock);
  }

  public int port() {
    return server.port();
  }

  /** {@code http://127.0.0.1:<port>/api/}: the SDK's methods endpoint URL prefix. */
  public String methodsUrlPrefix() {
    return server.url() + "/api/";
  }

  /** An incoming-webhook URL on this stand-in: {@code http://127.0.0.1:<port>/services/<path>}. */
  public String incomingWebhookUrl(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    return server.url() + "/services/" + trimmed;
  }

  public String token() {
    return settings.token();
  }

  /** How many requests were answered with HTTP 429. */
  public long rateLimitedCount() {
    return rateLimited.get();
  }

  /** The Slack messages in the inbox, newest first. */
  public List<SlackCapture> messages() {
    List<SlackCapture> out = new ArrayList<>();
    for (InboxEntry entry : inbox.list(InboxQuery.of(null, InboxChannel.SLACK.id()))) {
      out.add((SlackCapture) entry.capture());
    }
    return out;
  }

  @Override
  public void close() {
    server.close();
  }

  private void handleMethod(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestURI().getPath().substring("/api/".length());
    if (!"POST".equals(exchange.getRequestMethod())) {
      answer(exchange, 405, error("invalid_request"));
      return;
    }
    SlackRequestParams params;
    try {
      params = SlackRequestParams.parse(exchange.getRequestHeaders().getFirst("Content-Type"),
          LoopbackHttpServer.body(exchange));
    } catch (IllegalArgumentException e) {
      answer(exchange, 200, error("invalid_json"));
      return;
    }
    String authError = authError(exchange, params);
    if (authError != null) {
      answer(exchange, 200, error(authError));
      return;
    }
    switch (method) {
      case "chat.postMessage" -> postMessage(exchange, params);
      case "chat.update" -> update(exchange, params);
      case "auth.test" -> answer(exchange, 200, authTest());
      default -> answer(exchange, 200, error("unknown_method"));
    }
  }

  private String authError(HttpExchange exchange, SlackRequestParams params) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    String token = null;
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      token = authorization.substring(7).strip();
    } else if (params.text("token") != null) {
      token = params.text("token");
    }
    if (token == null || token.isEmpty()) {
      return "not_authed";
    }
    return settings.token().equals(token) ? null : "invalid_auth";
  }

  private void postMessage(HttpExchange exchange, SlackRequestParams params) throws IOException {
    String channel = params.text("channel");
    if (channel == null || channel.isBlank()) {
      answer(exchange, 200, error("channel_not_found"));
      return;
    }
    String text = params.text("text");
    JsonNode blocks = params.json("blocks");
    JsonNode attachments = params.json("attachments");
    if (isBlank(text) && isEmpty(blocks) && isEmpty(attachments)) {
      answer(exchange, 200, error("no_text"));
      return;
    }
    String channelId = channelId(channel);
    if (overLimit(exchange, channelId, true)) {
      return;
    }
    String ts = nextTs();
    JsonNode metadata = params.json("metadata");
    String channelName = channelNamesById.getOrDefault(channelId, channel);
    SlackCapture capture = new SlackCapture(clock.instant(), TenantAttribution.slack(metadata, null, channelName),
        SlackCapture.VIA_API, channelId, channelName, ts, text, blocks, attachments, metadata, 0);
    inboxIdsByMessage.put(channelId + "/" + ts, inbox.add(capture));
    ObjectNode body = MAPPER.createObjectNode().put("ok", true).put("channel", channelId).put("ts", ts);
    body.set("message", messageJson(capture));
    answer(exchange, 200, body);
  }

  private void update(HttpExchange exchange, SlackRequestParams params) throws IOException {
    String channel = params.text("channel");
    String ts = params.text("ts");
    if (isBlank(channel)) {
      answer(exchange, 200, error("channel_not_found"));
      return;
    }
    String channelId = knownChannelId(channel);
    Long inboxId = channelId == null || ts == null ? null : inboxIdsByMessage.get(channelId + "/" + ts);
    Capture existing = inboxId == null ? null : inbox.get(inboxId);
    if (!(existing instanceof SlackCapture message)) {
      answer(exchange, 200, error("message_not_found"));
      return;
    }
    SlackCapture updated = message.updated(params.text("text"), params.json("blocks"), params.json("attachments"));
    if (!inbox.replace(inboxId, updated)) {
      answer(exchange, 200, error("message_not_found"));
      return;
    }
    ObjectNode body = MAPPER.createObjectNode().put("ok", true).put("channel", channelId).put("ts", ts)
        .put("text", updated.text());
    body.set("message", messageJson(updated));
    answer(exchange, 200, body);
  }

  private void handleIncomingWebhook(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (!"POST".equals(exchange.getRequestMethod())) {
      OpsServer.respond(exchange, 405, "text/plain; charset=utf-8", "invalid_request");
      return;
    }
    JsonNode payload;
    try {
      payload = MAPPER.readTree(LoopbackHttpServer.body(exchange));
    } catch (IOException e) {
      payload = null;
    }
    if (payload == null || !payload.isObject()) {
      OpsServer.respond(exchange, 400, "text/plain; charset=utf-8", "invalid_payload");
      return;
    }
    String text = payload.path("text").isTextual() ? payload.path("text").asText() : null;
    JsonNode blocks = payload.path("blocks");
    JsonNode attachments = payload.path("attachments");
    if (isBlank(text) && isEmpty(blocks) && isEmpty(attachments)) {
      OpsServer.respond(exchange, 400, "text/plain; charset=utf-8", "no_text");
      return;
    }
    if (overLimit(exchange, path, false)) {
      return;
    }
    inbox.add(new SlackCapture(clock.instant(), TenantAttribution.slack(null, path, path), SlackCapture.VIA_WEBHOOK,
        path, path, "", text, blocks, attachments, null, 0));
    OpsServer.respond(exchange, 200, "text/plain; charset=utf-8", "ok");
  }

  /** Answers 429 and returns true when {@code key} is over its rate. */
  private boolean overLimit(HttpExchange exchange, String key, boolean api) throws IOException {
    if (!settings.rateLimited()) {
      return false;
    }
    Duration wait = limiter.acquire(key);
    if (wait.isZero()) {
      return false;
    }
    rateLimited.incrementAndGet();
    exchange.getResponseHeaders().set("Retry-After", Long.toString(SlackRateLimiter.retryAfterSeconds(wait)));
    if (api) {
      answer(exchange, 429, error("ratelimited"));
    } else {
      OpsServer.respond(exchange, 429, "text/plain; charset=utf-8", "rate_limited");
    }
    return true;
  }

  private String channelId(String channel) {
    String known = knownChannelId(channel);
    if (known != null) {
      return known;
    }
    String name = channelName(channel);
    return channelIdsByName.computeIfAbsent(name, n -> {
      String id = CHANNEL_ID.matcher(n).matches() ? n
          : "C" + String.format(Locale.ROOT, "%010X", channelCounter.incrementAndGet());
      channelNamesById.put(id, n);
      return id;
    });
  }

  private String knownChannelId(String channel) {
    String trimmed = channel.strip();
    if (channelNamesById.containsKey(trimmed)) {
      return trimmed;
    }
    return channelIdsByName.get(channelName(trimmed));
  }

  private static String channelName(String channel) {
    String trimmed = channel.strip();
    return trimmed.startsWith("#") ? trimmed.substring(1) : trimmed;
  }

  /** A unique, increasing Slack message timestamp: {@code <seconds>.<micros>}. */
  private String nextTs() {
    Instant now = clock.instant();
    long nowMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    long micros = lastTsMicros.updateAndGet(last -> Math.max(last + 1, nowMicros));
    return (micros / 1_000_000L) + "." + String.format(Locale.ROOT, "%06d", micros % 1_000_000L);
  }

  private static ObjectNode messageJson(SlackCapture capture) {
    ObjectNode message = MAPPER.createObjectNode()
        .put("type", "message")
        .put("subtype", "bot_message")
        .put("text", capture.text())
        .put("ts", capture.ts())
        .put("bot_id", BOT_ID)
        .put("team", TEAM_ID);
    if (!capture.blocks().isMissingNode()) {
      message.set("blocks", capture.blocks());
    }
    if (!capture.attachments().isMissingNode()) {
      message.set("attachments", capture.attachments());
    }
    if (!capture.metadata().isMissingNode()) {
      message.set("metadata", capture.metadata());
    }
    if (capture.edits() > 0) {
      message.putObject("edited").put("user", USER_ID).put("ts", capture.ts());
    }
    return message;
  }

  private ObjectNode authTest() {
    return MAPPER.createObjectNode().put("ok", true).put("url", server.url() + "/").put("team", "Klaxon local")
        .put("user", "klaxon").put("team_id", TEAM_ID).put("user_id", USER_ID).put("bot_id", BOT_ID);
  }

  private static ObjectNode error(String code) {
    return MAPPER.createObjectNode().put("ok", false).put("error", code);
  }

  private static void answer(HttpExchange exchange, int status, ObjectNode body) throws IOException {
    OpsServer.respond(exchange, status, JSON, body.toString());
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  private static boolean isEmpty(JsonNode node) {
    return node == null || node.isMissingNode() || node.isNull() || (node.isContainerNode() && node.isEmpty());
  }
}
