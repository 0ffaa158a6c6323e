package io.klaxon.sinks.slack;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import io.klaxon.ops.OpsServer;
import io.klaxon.sinks.http.LoopbackHttpServer;
import io.klaxon.sinks.inbox.ButtonClicks;
import io.klaxon.sinks.inbox.Inbox;
import io.klaxon.sinks.inbox.SlackCapture;
import java.io.IOException;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A local stand-in for the part of Slack that the notifier uses, on 127.0.0.1, speaking the real
 * protocol so the real slack-api-client talks to it (point {@code SlackConfig}'s methods endpoint
 * prefix at {@link #methodsUrlPrefix()}):
 *
 * <ul>
 *   <li>{@code POST /api/chat.postMessage} ({@link ChatPostMessage}) and {@code POST /api/chat.update}
 *       ({@link ChatUpdate}), form-urlencoded (as the SDK sends them, with {@code blocks},
 *       {@code attachments} and {@code metadata} as JSON strings) or JSON ({@link SlackRequestParams}),
 *       carrying the configured bot token ({@link SlackAuth}); answered like Slack;
 *   <li>{@code POST /api/auth.test}: who the token is;
 *   <li>{@code POST /services/<anything>}: an incoming webhook ({@link IncomingWebhooks});
 *   <li>{@code POST /actions/<team>/<n>/<secret>}: the {@code response_url} of a button click
 *       ({@link MessageResponses}).
 * </ul>
 *
 * With an interactions URL ({@link SlackApiSettings#interactionsUrl()}) the messages' buttons can
 * be clicked on the inbox page ({@link #buttonClicks()}): the click goes to that URL as Slack's
 * signed {@code block_actions} request ({@link Interactions}), signed with the message's tenant's
 * signing secret ({@link #addSigningSecret}) or else the settings' one.
 *
 * Other Web API methods answer {@code unknown_method}, other HTTP methods 405
 * {@code invalid_request}, a JSON body that is not an object {@code invalid_json}, other paths 404.
 * Posting is rate limited like Slack unless turned off ({@link PostingLimits}): about
 * {@link SlackApiSettings#messagesPerSecond()} per channel (or webhook path) with a small burst;
 * over it the answer is HTTP 429 with a {@code Retry-After} header in seconds, counted by
 * {@link #rateLimitedCount()}. Every accepted message goes to the {@link Inbox}. Thread-safe;
 * {@link #close()} stops the server.
 */
public final class SlackApiStandIn implements AutoCloseable {
  private static final String METHODS_PATH = "/api/";
  private static final String WEBHOOKS_PATH = "/services/";
  private static final String RESPONSE_URL_PATH = ResponseUrls.PATH;

  private final Inbox inbox;
  private final SlackAuth auth;
  private final PostingLimits limits;
  private final ChatPostMessage postMessage;
  private final ChatUpdate update;
  private final IncomingWebhooks incomingWebhooks;
  private final SigningSecrets signingSecrets;
  private final Interactions interactions;
  private final MessageResponses responses;
  private final String interactionsUrl;
  private final LoopbackHttpServer server;

  private SlackApiStandIn(SlackApiSettings settings, Inbox inbox, InstantSource clock) throws IOException {
    Objects.requireNonNull(settings, "settings");
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    Objects.requireNonNull(clock, "clock");
    this.auth = new SlackAuth(settings.token());
    this.limits = new PostingLimits(settings, clock);
    SlackChannels channels = new SlackChannels();
    MessageIndex index = new MessageIndex(inbox.capacity());
    this.postMessage = new ChatPostMessage(inbox, channels, index, new MessageTimestamps(clock), limits, clock);
    this.update = new ChatUpdate(inbox, channels, index);
    this.incomingWebhooks = new IncomingWebhooks(inbox, limits, clock);
    this.signingSecrets = new SigningSecrets(settings.signingSecret());
    this.interactionsUrl = settings.interactionsUrl();
    ResponseUrls responseUrls = new ResponseUrls(clock);
    this.interactions = new Interactions(inbox, interactionsUrl, signingSecrets, responseUrls, this::url, clock);
    this.responses = new MessageResponses(inbox, responseUrls, clock);
    this.server = LoopbackHttpServer.start(settings.port(), Map.of(
        METHODS_PATH, this::handleMethod,
        WEBHOOKS_PATH, this::handleIncomingWebhook,
        RESPONSE_URL_PATH, this::handleResponseUrl,
        "/", exchange -> send(exchange, SlackAnswer.text(404, "no_such_path"))));
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
    return server.url() + METHODS_PATH;
  }

  /** An incoming-webhook URL on this stand-in: {@code http://127.0.0.1:<port>/services/<path>}. */
  public String incomingWebhookUrl(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    return server.url() + WEBHOOKS_PATH + trimmed;
  }

  /** {@code http://127.0.0.1:<port>}; response URLs are under {@code <url>/actions/}. */
  public String url() {
    return server.url();
  }

  /** Where button clicks are sent, empty when they are not. */
  public String interactionsUrl() {
    return interactionsUrl;
  }

  /** Sends clicks on the inbox page's buttons as Slack's interactions. */
  public ButtonClicks buttonClicks() {
    return interactions;
  }

  /** Signs the interactions of {@code tenant}'s messages with {@code secret} from now on. */
  public void addSigningSecret(String tenant, String secret) {
    signingSecrets.put(tenant, secret);
  }

  public String token() {
    return auth.token();
  }

  /** How many requests were answered with HTTP 429. */
  public long rateLimitedCount() {
    return limits.refusedCount();
  }

  /**
   * Starts a rate-limit storm: every posting (API or incoming webhook) is answered HTTP 429 with
   * {@code Retry-After: retryAfterSeconds}, whatever the limits; 0 ends it.
   */
  public void rateLimitStorm(long retryAfterSeconds) {
    limits.storm(retryAfterSeconds);
  }

  /**
   * How many postings came to a channel (or webhook path) sooner than the {@code Retry-After} of
   * its last 429 allowed (leaving out those within a second of the 429, which may have been on their way).
   */
  public long earlyRetryCount() {
    return limits.earlyCount();
  }

  /** The Slack messages in the inbox, newest first. */
  public List<SlackCapture> messages() {
    return inbox.captures(SlackCapture.class);
  }

  @Override
  public void close() {
    server.close();
  }

  private void handleMethod(HttpExchange exchange) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      send(exchange, SlackAnswer.error(405, "invalid_request"));
      return;
    }
    Headers headers = exchange.getRequestHeaders();
    SlackRequestParams params;
    try {
      params = SlackRequestParams.parse(headers.getFirst("Content-Type"), LoopbackHttpServer.body(exchange));
    } catch (IllegalArgumentException e) {
      send(exchange, SlackAnswer.error("invalid_json"));
      return;
    }
    String refusal = auth.refusal(headers.getFirst("Authorization"), params).orElse(null);
    if (refusal != null) {
      send(exchange, SlackAnswer.error(refusal));
      return;
    }
    String method = exchange.getRequestURI().getPath().substring(METHODS_PATH.length());
    send(exchange, switch (method) {
      case "chat.postMessage" -> postMessage.call(params);
      case "chat.update" -> update.call(params);
      case "auth.test" -> SlackAuth.authTest(server.url() + "/");
      default -> SlackAnswer.error("unknown_method");
    });
  }

  private void handleIncomingWebhook(HttpExchange exchange) throws IOException {
    handlePost(exchange, incomingWebhooks::receive, false);
  }

  private void handleResponseUrl(HttpExchange exchange) throws IOException {
    handlePost(exchange, responses::receive, true);
  }

  /** Where a POST's path and body go. */
  @FunctionalInterface
  private interface PostReceiver {
    SlackAnswer receive(String path, byte[] body);
  }

  /** A POST to {@code receiver}; refusals as JSON ({@code {"ok":false,…}}) or, like webhooks, plain text. */
  private static void handlePost(HttpExchange exchange, PostReceiver receiver, boolean json) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      send(exchange, json ? SlackAnswer.error(405, "invalid_request") : SlackAnswer.text(405, "invalid_request"));
      return;
    }
    SlackAnswer answer;
    try {
      answer = receiver.receive(exchange.getRequestURI().getPath(), LoopbackHttpServer.body(exchange));
    } catch (IOException tooLargeOrCut) {
      answer = json ? SlackAnswer.error(400, "invalid_payload") : SlackAnswer.text(400, "invalid_payload");
    }
    send(exchange, answer);
  }

  private static void send(HttpExchange exchange, SlackAnswer answer) throws IOException {
    answer.retryAfterSeconds().ifPresent(
        seconds -> exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds)));
    OpsServer.respond(exchange, answer.status(), answer.contentType(), answer.body());
  }
}
