package io.klaxon.notifier.webhook;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * The HTTP client for destinations a tenant supplies (webhooks, Slack incoming webhooks), behind
 * the {@link DestinationGuard}:
 *
 * <ul>
 *   <li>the URL passes {@link DestinationGuard#checkUrl} first, and the client's only resolver is
 *       {@link DestinationGuard#lookup}, so it connects to the very addresses the guard checked;
 *   <li>every call is bounded as a whole by the call timeout: connect, request, headers and the
 *       whole body (a receiver that stalls in the middle of its body times out like one that never
 *       answers); the deadline is kept by {@link CallDeadlines}, within a few tens of milliseconds;
 *   <li>redirects are never followed and no proxy is used (neither the system's proxy properties
 *       nor the default {@link java.net.ProxySelector}).
 * </ul>
 *
 * At most {@value #MAX_ANSWER_BODY} bytes of an answer's body are read (an answer with more is
 * dropped with its connection). Keep-alive connections are pooled per destination (address). A
 * destination URL is parsed and judged by {@link DestinationGuard#checkUrl} once ({@link
 * #destination}), not at every call: both are pure functions of its text. Thread-safe; one per
 * process.
 */
public final class GuardedHttpClient {
  /** The part of an answer's body that is read; the answer is judged by its status and headers. */
  static final int MAX_ANSWER_BODY = 64 * 1024;
  /** Idle keep-alive connections kept, over all destinations (each destination has its own). */
  static final int MAX_IDLE_CONNECTIONS = 512;

  /** Destination URLs kept parsed and judged; past this many distinct ones, the kept ones are dropped. */
  static final int MAX_DESTINATIONS = 4_096;

  /** What the destination answered. */
  public record Answer(int status, String retryAfter) {}

  /** A destination URL, parsed, and judged by the guard's URL half ({@link DestinationGuard#checkUrl}). */
  public record Destination(HttpUrl url, DestinationGuard.Verdict verdict) {}

  private final DestinationGuard guard;
  private final Duration callTimeout;
  private final CallDeadlines deadlines = CallDeadlines.SHARED;
  private final OkHttpClient https;
  private final OkHttpClient plainHttp;
  private final Map<String, Optional<Destination>> destinations = new ConcurrentHashMap<>();

  /**
   * @param connectTimeout how long establishing a connection may take
   * @param callTimeout how long a whole call may take, body included
   */
  public GuardedHttpClient(DestinationGuard guard, Duration connectTimeout, Duration callTimeout) {
    this.guard = Objects.requireNonNull(guard, "guard");
    this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
    OkHttpClient base = new OkHttpClient.Builder()
        .followRedirects(false)
        .followSslRedirects(false)
        .proxy(Proxy.NO_PROXY)
        .connectTimeout(connectTimeout)
        // The whole call is bounded by its deadline (CallDeadlines), not by OkHttp's call, read and
        // write timeouts: each of those is a timer in a queue that every call and every socket
        // read and write of the process takes one lock to enter and leave.
        .callTimeout(Duration.ZERO)
        .readTimeout(Duration.ZERO)
        .writeTimeout(Duration.ZERO)
        .connectionPool(new ConnectionPool(MAX_IDLE_CONNECTIONS, 5, TimeUnit.MINUTES))
        // OkHttp would post the request again by itself when a pooled connection breaks, even
        // after the receiver took the request: a second delivery that no attempt, receipt or
        // backoff knows of. A broken connection is a failed attempt like any other.
        .retryOnConnectionFailure(false)
        .build();
    // The plain-http rule depends on the addresses, so each scheme has its own resolver (and pool keys).
    this.https = base.newBuilder().dns(host -> guard.lookup(host, false)).build();
    this.plainHttp = base.newBuilder().dns(host -> guard.lookup(host, true)).build();
  }

  /**
   * {@code text} (surrounding blanks ignored) as a destination, or empty when it is not an
   * http(s) URL. Each distinct text is parsed and judged once.
   */
  public Optional<Destination> destination(String text) {
    Optional<Destination> known = destinations.get(text);
    if (known != null) {
      return known;
    }
    HttpUrl url = HttpUrl.parse(text.strip());
    Optional<Destination> parsed = url == null ? Optional.empty()
        : Optional.of(new Destination(url, guard.checkUrl(url.uri())));
    if (destinations.size() >= MAX_DESTINATIONS) {
      destinations.clear();
    }
    destinations.put(text, parsed);
    return parsed;
  }

  /** Destinations kept parsed now. */
  int destinationsKept() {
    return destinations.size();
  }

  /**
   * Posts {@code body} to {@code destination} with {@code headers}.
   *
   * @throws DestinationRefusedException when the guard refuses the URL or an address of its host
   * @throws java.net.UnknownHostException when the host cannot be resolved now
   * @throws java.io.InterruptedIOException when the call ran out of time (or was interrupted)
   * @throws IOException for any other transport failure
   */
  public Answer post(Destination destination, Map<String, String> headers, MediaType contentType, byte[] body)
      throws IOException {
    if (destination.verdict() instanceof DestinationGuard.Verdict.Refused refused) {
      throw new DestinationRefusedException(refused.reason());
    }
    HttpUrl url = destination.url();
    Request.Builder request = new Request.Builder().url(url).post(RequestBody.create(body, contentType));
    headers.forEach(request::header);
    OkHttpClient client = url.isHttps() ? https : plainHttp;
    Call call = client.newCall(request.build());
    try (CallDeadlines.Deadline deadline = deadlines.watch(call, callTimeout)) {
      try (Response response = call.execute()) {
        readSome(response.body());
        return new Answer(response.code(), response.header("Retry-After"));
      } catch (IOException e) {
        if (deadline.expired()) {
          InterruptedIOException timedOut = new InterruptedIOException("call timed out after " + callTimeout);
          timedOut.initCause(e);
          throw timedOut;
        }
        throw e;
      }
    }
  }

  /** Reads the body (up to the limit) so that the call's timeout covers it and the connection can be reused. */
  private static void readSome(ResponseBody body) throws IOException {
    if (body == null) {
      return;
    }
    BufferedSource source = body.source();
    long left = MAX_ANSWER_BODY;
    while (left > 0 && source.request(1)) {
      long buffered = Math.min(left, source.getBuffer().size());
      source.skip(buffered);
      left -= buffered;
    }
  }
}
