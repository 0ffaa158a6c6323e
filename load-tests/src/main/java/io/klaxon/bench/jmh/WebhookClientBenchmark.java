package io.klaxon.bench.jmh;

import io.klaxon.bench.SignedWebhookSink;
import io.klaxon.notifier.webhook.AddressAllowlist;
import io.klaxon.notifier.webhook.DestinationGuard;
import io.klaxon.notifier.webhook.GuardedHttpClient;
import io.klaxon.notifier.webhook.WebhookSigner;
import io.klaxon.ops.secret.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.MediaType;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Signed webhook POSTs per second through one HTTP client, 16 threads each sending one request
 * after another to the benchmark's webhook endpoint ({@link SignedWebhookSink}, which verifies
 * every signature) on 127.0.0.1, in the same JVM. With both cores busy, the rate measures the CPU a
 * request costs, the endpoint's share the same for every client. The clients:
 *
 * <ul>
 *   <li>{@code guarded-okhttp}: the notifier's own {@link GuardedHttpClient} (OkHttp behind the
 *       destination guard, each call under a {@code CallDeadlines} deadline);
 *   <li>{@code jdk}: the JDK {@link HttpClient} on virtual threads, as the notifier bench's plain
 *       reference load generator uses it;
 *   <li>{@code apache-classic}: Apache HttpClient 5's blocking client with a pooled connection
 *       manager, as a candidate.
 * </ul>
 *
 * Every request carries the same body and the Standard Webhooks headers, signed per request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Threads(16)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class WebhookClientBenchmark {
  private static final String SECRET = "whsec_" + Base64.getEncoder()
      .encodeToString("webhook-client-benchmark-key-0001".getBytes(StandardCharsets.UTF_8));
  private static final String BODY = "{\"tenantId\":\"acme\",\"alert\":{\"eventId\":\"e\",\"severity\":\"CRITICAL\","
      + "\"title\":\"Disk almost full on db-01\",\"message\":\"" + "x".repeat(600) + "\"}}";

  @Param({"guarded-okhttp", "jdk", "apache-classic"})
  public String client;

  private SignedWebhookSink sink;
  private Poster poster;
  private final AtomicLong ids = new AtomicLong();
  private final Secret secret = new Secret(SECRET);

  /** One way of posting a signed body; answers the status. */
  private interface Poster extends AutoCloseable {
    int post(Map<String, String> headers) throws IOException, InterruptedException;

    @Override
    void close() throws IOException;
  }

  @Setup(Level.Trial)
  public void start() throws IOException {
    sink = new SignedWebhookSink(SECRET, null);
    String url = sink.baseUrl() + "/hooks/acme";
    poster = switch (client) {
      case "guarded-okhttp" -> okhttp(url);
      case "jdk" -> jdk(url);
      case "apache-classic" -> apache(url);
      default -> throw new IllegalArgumentException("unknown client " + client);
    };
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException {
    poster.close();
    sink.close();
  }

  @Benchmark
  public int post() throws IOException, InterruptedException {
    String id = "bench-" + ids.incrementAndGet();
    long timestamp = System.currentTimeMillis() / 1000;
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("User-Agent", "Klaxon-Notifier/1");
    headers.put("webhook-id", id);
    headers.put("webhook-timestamp", Long.toString(timestamp));
    headers.put("webhook-signature", WebhookSigner.sign(secret, id, timestamp, BODY));
    int status = poster.post(headers);
    if (status / 100 != 2) {
      throw new IllegalStateException("the endpoint answered " + status);
    }
    return status;
  }

  private static Poster okhttp(String url) {
    GuardedHttpClient http = new GuardedHttpClient(
        DestinationGuard.withSystemResolver(AddressAllowlist.of(List.of("127.0.0.1"))),
        Duration.ofSeconds(5), Duration.ofSeconds(10));
    GuardedHttpClient.Destination target = http.destination(url).orElseThrow();
    MediaType json = MediaType.get("application/json; charset=utf-8");
    byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
    return new Poster() {
      @Override
      public int post(Map<String, String> headers) throws IOException {
        return http.post(target, headers, json, body).status();
      }

      @Override
      public void close() {}
    };
  }

  private static Poster jdk(String url) {
    HttpClient http = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5))
        .executor(Executors.newVirtualThreadPerTaskExecutor())
        .build();
    URI target = URI.create(url);
    return new Poster() {
      @Override
      public int post(Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(BODY, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      }

      @Override
      public void close() {
        http.close();
      }
    };
  }

  private static Poster apache(String url) {
    CloseableHttpClient http = HttpClients.custom()
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnTotal(512).setMaxConnPerRoute(512).build())
        .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(10)).build())
        .disableRedirectHandling()
        .disableAutomaticRetries()
        .build();
    byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
    return new Poster() {
      @Override
      public int post(Map<String, String> headers) throws IOException {
        HttpPost request = new HttpPost(url);
        headers.forEach(request::setHeader);
        request.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)));
        return http.execute(request, response -> {
          EntityUtils.consume(response.getEntity());
          return response.getCode();
        });
      }

      @Override
      public void close() throws IOException {
        http.close();
      }
    };
  }
}
