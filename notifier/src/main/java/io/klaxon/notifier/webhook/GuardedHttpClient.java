package io.klaxon.notifier.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP client for destinations a tenant supplies (webhooks, Slack incoming webhooks,
 * PagerDuty), behind the {@link DestinationGuard}:
 *
 * <ul>
 *   <li>the URL passes {@link DestinationGuard#checkUrl} first, and the client's only resolver is
 *       {@link DestinationGuard#connectAddresses}, so it connects to the very addresses the guard
 *       checked;
 *   <li>every call is bounded as a whole by the call timeout: waiting for a connection, connect,
 *       request, headers and the whole body (a receiver that stalls in the middle of its body
 *       times out like one that never answers); the deadline is kept by {@link CallDeadlines},
 *       within a few tens of milliseconds;
 *   <li>redirects are never followed, no proxy is used (neither the system's proxy properties nor
 *       the default {@link java.net.ProxySelector}), and a request is never sent again by the
 *       client itself: a connection that breaks after the receiver took the request is a failed
 *       attempt, which the caller's retry policy and receipts know of.
 * </ul>
 *
 * At most {@value #MAX_ANSWER_BODY} bytes of an answer's body are read (an answer with more is
 * dropped with its connection). Keep-alive connections are pooled per destination (address and
 * port): Apache HttpClient 5's blocking client over a pool whose bookkeeping per call is a few
 * lock-free queue operations on that destination's own pool (no process-wide lock and no pool scan
 * when a connection is returned). Thread-safe; one per process.
 */
public final class GuardedHttpClient implements AutoCloseable {
  /** The part of an answer's body that is read; the answer is judged by its status and headers. */
  static final int MAX_ANSWER_BODY = 64 * 1024;
  /**
   * Connections to one destination, in use or idle; above the most attempts in flight a target's
   * adaptive limit allows, so that only that limit decides (several tenant targets may share it).
   */
  static final int MAX_CONNECTIONS_PER_DESTINATION = 1024;
  /** An idle connection is closed after this long. */
  static final TimeValue IDLE_CONNECTION_LIFETIME = TimeValue.ofMinutes(2);
  /** A pooled connection idle for longer than this is checked before it carries a request. */
  static final TimeValue CHECK_AFTER_IDLE = TimeValue.ofSeconds(1);
  private static final String USER_AGENT = "Klaxon-Notifier/1";

  /** What the destination answered. */
  public record Answer(int status, String retryAfter) {}

  private final DestinationGuard guard;
  private final Duration callTimeout;
  private final CallDeadlines deadlines = CallDeadlines.SHARED;
  private final CloseableHttpClient https;
  private final CloseableHttpClient plainHttp;

  /**
   * @param connectTimeout how long establishing a connection may take
   * @param callTimeout how long a whole call may take, body included
   */
  public GuardedHttpClient(DestinationGuard guard, Duration connectTimeout, Duration callTimeout) {
    this.guard = Objects.requireNonNull(guard, "guard");
    this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    // The plain-http rule depends on the addresses, so each scheme has its own resolver (and pool).
    this.https = client(new GuardResolver(guard, false), connectTimeout, callTimeout);
    this.plainHttp = client(new GuardResolver(guard, true), connectTimeout, callTimeout);
  }

  private static CloseableHttpClient client(DnsResolver resolver, Duration connectTimeout, Duration callTimeout) {
    return HttpClients.custom()
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
            .setDnsResolver(resolver)
            .setTlsSocketStrategy(DefaultClientTlsStrategy.createSystemDefault())
            // One pool per destination with lock-free lease and release; the most recently used
            // connection first, so a burst's extra connections go idle and are closed.
            .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
            .setConnPoolPolicy(PoolReusePolicy.LIFO)
            .setMaxConnPerRoute(MAX_CONNECTIONS_PER_DESTINATION)
            .setDefaultConnectionConfig(ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(connectTimeout))
                // A backstop only: the whole call's deadline (CallDeadlines) ends a stalled read first.
                .setSocketTimeout(Timeout.of(callTimeout.plusSeconds(5)))
                .setValidateAfterInactivity(CHECK_AFTER_IDLE)
                .build())
            .build())
        .setDefaultRequestConfig(RequestConfig.custom()
            .setConnectionRequestTimeout(Timeout.of(callTimeout))
            .setRedirectsEnabled(false)
            .setAuthenticationEnabled(false)
            .setExpectContinueEnabled(false)
            .setContentCompressionEnabled(false)
            .setProtocolUpgradeEnabled(false)
            .build())
        .disableRedirectHandling()
        .disableAutomaticRetries()
        .disableCookieManagement()
        .disableAuthCaching()
        .disableContentCompression()
        .disableConnectionState()
        .evictIdleConnections(IDLE_CONNECTION_LIFETIME)
        .setUserAgent(USER_AGENT)
        .build();
  }

  /**
   * Posts {@code body} to {@code url} with {@code headers}.
   *
   * @throws DestinationRefusedException when the guard refuses the URL or an address of its host
   * @throws java.net.UnknownHostException when the host cannot be resolved now
   * @throws java.io.InterruptedIOException when the call ran out of time (or was interrupted)
   * @throws IOException for any other transport failure
   */
  public Answer post(HttpUrl url, Map<String, String> headers, MediaType contentType, byte[] body) throws IOException {
    if (guard.checkUrl(url.uri()) instanceof DestinationGuard.Verdict.Refused refused) {
      throw new DestinationRefusedException(refused.reason());
    }
    HttpPost request = new HttpPost(url.uri());
    request.setHeader("Content-Type", contentType.toString());
    headers.forEach(request::setHeader);
    request.setEntity(new ByteArrayEntity(body, null));
    CloseableHttpClient client = url.isHttps() ? https : plainHttp;
    try (CallDeadlines.Deadline deadline = deadlines.watch(request::cancel, callTimeout)) {
      try (ClassicHttpResponse response = client.executeOpen(null, request, null)) {
        if (!readSome(response.getEntity())) {
          request.cancel(); // more than the limit: drop the connection rather than read the rest
        }
        Header retryAfter = response.getFirstHeader("Retry-After");
        return new Answer(response.getCode(), retryAfter == null ? null : retryAfter.getValue());
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

  /**
   * Reads the body, up to the limit, so that the call's deadline covers it and the connection can
   * be used again; answers whether the body ended within the limit.
   */
  private static boolean readSome(HttpEntity entity) throws IOException {
    if (entity == null) {
      return true;
    }
    try (InputStream in = entity.getContent()) {
      if (in == null) {
        return true;
      }
      byte[] buffer = new byte[Math.min(MAX_ANSWER_BODY, 8192)];
      long left = MAX_ANSWER_BODY;
      while (left > 0) {
        int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (read < 0) {
          return true;
        }
        left -= read;
      }
      return in.read() < 0;
    }
  }

  /** Closes both pools and their connections. */
  @Override
  public void close() {
    https.close(org.apache.hc.core5.io.CloseMode.GRACEFUL);
    plainHttp.close(org.apache.hc.core5.io.CloseMode.GRACEFUL);
  }

  /** The guard as the client's only resolver. */
  private record GuardResolver(DestinationGuard guard, boolean plainHttp) implements DnsResolver {
    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
      return guard.connectAddresses(host, plainHttp).toArray(InetAddress[]::new);
    }

    @Override
    public String resolveCanonicalHostname(String host) {
      return host;
    }
  }
}
