package io.klaxon.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLContext;
import org.apache.avro.Schema;

/**
 * Client for any server speaking the Confluent Schema Registry REST API (Confluent's, Karapace,
 * Redpanda, Apicurio's ccompat, Klaxon's embedded server).
 *
 * <p>Schemas by id and ids by (subject, schema) are cached forever (both are immutable in the
 * registry). An id the registry does not know is not asked about again for a minute, and after 20
 * such misses in a second ids not seen before are not looked up until the budget refills ({@link
 * UnknownSchemaIds}): records with made-up ids do not each cost a blocking call. Requests time
 * out; 5xx answers and I/O errors are retried with backoff, moving to the next URL when several are
 * configured. Thread-safe.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistry {
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<URI> baseUrls;
  private final String authorization;
  private final Duration requestTimeout;
  private final int maxAttempts;
  private final Duration retryBackoff;
  private final HttpClient http;
  private final LongSupplier nanoTime;
  private final UnknownSchemaIds unknownIds;

  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();

  private HttpSchemaRegistryClient(Builder builder) {
    this.baseUrls = builder.urls;
    this.authorization = builder.userInfo == null ? null
        : "Basic " + Base64.getEncoder().encodeToString(builder.userInfo.getBytes(StandardCharsets.UTF_8));
    this.requestTimeout = builder.requestTimeout;
    this.maxAttempts = builder.maxAttempts;
    this.retryBackoff = builder.retryBackoff;
    HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(builder.connectTimeout);
    if (builder.sslContext != null) {
      http.sslContext(builder.sslContext);
    }
    this.http = http.build();
    this.nanoTime = builder.nanoTime;
    this.unknownIds = new UnknownSchemaIds(builder.rememberUnknownIds, builder.unknownIdsPerSecond, nanoTime.getAsLong());
  }

  /** Starts a client for one or more comma-separated base URLs. */
  public static Builder builder(String urls) {
    return new Builder(urls);
  }

  @Override
  public int register(String subject, Schema schema) {
    Map<Schema, Integer> ids = idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
    Integer cached = ids.get(schema);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = call("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema),
        "registering a schema under subject '" + subject + "'");
    int id = answer.path("id").asInt();
    ids.put(schema, id);
    schemasById.putIfAbsent(id, schema);
    return id;
  }

  @Override
  public RegisteredSchema lookup(String subject, Schema schema) {
    JsonNode answer = call("POST", "/subjects/" + encode(subject), schemaBody(schema),
        "looking up a schema under subject '" + subject + "'");
    RegisteredSchema found = registered(answer, subject);
    idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>()).put(schema, found.id());
    return found;
  }

  @Override
  public Schema schemaById(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    String refusal = unknownIds.refusal(id, nanoTime.getAsLong());
    if (refusal != null) {
      throw new SchemaRegistryException(404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema id " + id
          + " is not known: " + refusal);
    }
    JsonNode answer;
    try {
      answer = call("GET", "/schemas/ids/" + id, null, "fetching schema id " + id);
    } catch (SchemaRegistryException e) {
      if (e.isNotFound()) {
        unknownIds.missed(id, nanoTime.getAsLong());
      }
      throw e;
    }
    Schema schema = InMemorySchemaRegistry.parse(answer.path("schema").asText());
    schemasById.putIfAbsent(id, schema);
    return schema;
  }

  @Override
  public RegisteredSchema latest(String subject) {
    return registered(call("GET", "/subjects/" + encode(subject) + "/versions/latest", null,
        "fetching the latest version of subject '" + subject + "'"), subject);
  }

  @Override
  public RegisteredSchema version(String subject, int version) {
    return registered(call("GET", "/subjects/" + encode(subject) + "/versions/" + version, null,
        "fetching version " + version + " of subject '" + subject + "'"), subject);
  }

  @Override
  public List<String> subjects() {
    List<String> subjects = new ArrayList<>();
    call("GET", "/subjects", null, "listing subjects").forEach(n -> subjects.add(n.asText()));
    return subjects;
  }

  @Override
  public List<Integer> versions(String subject) {
    List<Integer> versions = new ArrayList<>();
    call("GET", "/subjects/" + encode(subject) + "/versions", null,
        "listing versions of subject '" + subject + "'").forEach(n -> versions.add(n.asInt()));
    return versions;
  }

  @Override
  public boolean isCompatible(String subject, Schema schema) {
    try {
      return call("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest", schemaBody(schema),
          "testing compatibility with subject '" + subject + "'").path("is_compatible").asBoolean();
    } catch (SchemaRegistryException e) {
      if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND
          || e.errorCode() == SchemaRegistryException.VERSION_NOT_FOUND) {
        return true;
      }
      throw e;
    }
  }

  @Override
  public CompatibilityLevel compatibility(String subject) {
    String path = subject == null ? "/config" : "/config/" + encode(subject) + "?defaultToGlobal=true";
    JsonNode answer = call("GET", path, null,
        "reading the compatibility level of " + (subject == null ? "the registry" : "subject '" + subject + "'"));
    JsonNode level = answer.has("compatibilityLevel") ? answer.get("compatibilityLevel") : answer.path("compatibility");
    return CompatibilityLevel.parse(level.asText());
  }

  @Override
  public void setCompatibility(String subject, CompatibilityLevel level) {
    ObjectNode body = JSON.createObjectNode().put("compatibility", level.name());
    call("PUT", subject == null ? "/config" : "/config/" + encode(subject), body.toString(),
        "setting the compatibility level of " + (subject == null ? "the registry" : "subject '" + subject + "'"));
  }

  private JsonNode call(String method, String path, String body, String what) {
    SchemaRegistryException last = null;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      URI base = baseUrls.get((attempt - 1) % baseUrls.size());
      URI uri = URI.create(base.toString().replaceAll("/+$", "") + path);
      HttpRequest.Builder request = HttpRequest.newBuilder(uri)
          .timeout(requestTimeout)
          .header("Accept", CONTENT_TYPE + ", application/json")
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
      if (body != null) {
        request.header("Content-Type", CONTENT_TYPE);
      }
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      try {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          return JSON.readTree(response.body());
        }
        SchemaRegistryException error = errorFrom(status, response.body(), what, uri);
        if (status < 500) {
          throw error;
        }
        last = new SchemaRegistryUnavailableException(status, error.getMessage(), null);
      } catch (IOException e) {
        last = new SchemaRegistryUnavailableException(0,
            "Schema registry at " + RegistrySettings.redact(base.toString()) + " unreachable while " + what + ": " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SchemaRegistryUnavailableException(0, "Interrupted while " + what, e);
      }
      if (attempt < maxAttempts) {
        sleep(retryBackoff.multipliedBy(1L << (attempt - 1)));
      }
    }
    throw last;
  }

  private static SchemaRegistryException errorFrom(int status, String body, String what, URI uri) {
    int code = status;
    String message = body;
    try {
      JsonNode error = JSON.readTree(body);
      if (error != null && error.has("error_code")) {
        code = error.get("error_code").asInt(status);
        message = error.path("message").asText(body);
      }
    } catch (IOException notJson) {
      // keep the raw body as the message
    }
    String auth = status == 401 || status == 403
        ? " (check the credentials: SCHEMA_REGISTRY_BASIC_AUTH, or basic.auth.user.info in Kafka properties)" : "";
    return new SchemaRegistryException(status, code,
        "Schema registry answered HTTP " + status + " (error " + code + ") while " + what + auth + ": " + message
            + " [" + RegistrySettings.redact(uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath()) + "]");
  }

  private static RegisteredSchema registered(JsonNode answer, String subject) {
    return new RegisteredSchema(answer.path("subject").asText(subject), answer.path("id").asInt(),
        answer.path("version").asInt(), InMemorySchemaRegistry.parse(answer.path("schema").asText()));
  }

  private static String schemaBody(Schema schema) {
    return JSON.createObjectNode().put("schema", schema.toString()).toString();
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Settings of an {@link HttpSchemaRegistryClient}; defaults suit a registry on the same network. */
  public static final class Builder {
    private final List<URI> urls;
    private String userInfo;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(10);
    private int maxAttempts = 3;
    private Duration retryBackoff = Duration.ofMillis(100);
    private SSLContext sslContext;
    private Duration rememberUnknownIds = Duration.ofMinutes(1);
    private int unknownIdsPerSecond = 20;
    private LongSupplier nanoTime = System::nanoTime;

    private Builder(String urls) {
      Objects.requireNonNull(urls, "urls");
      this.urls = Arrays.stream(urls.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(URI::create).toList();
      if (this.urls.isEmpty()) {
        throw new IllegalArgumentException("No schema registry URL in '" + RegistrySettings.redact(urls) + "'");
      }
      for (URI uri : this.urls) {
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
          throw new IllegalArgumentException("Schema registry URL '" + RegistrySettings.redact(uri.toString())
              + "' must be http:// or https://");
        }
      }
    }

    /** {@code user:password} for HTTP basic auth; null for none. */
    public Builder basicAuth(String userInfo) {
      this.userInfo = userInfo == null || userInfo.isBlank() ? null : userInfo;
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Objects.requireNonNull(timeout);
      return this;
    }

    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = Objects.requireNonNull(timeout);
      return this;
    }

    /** How many times a request is tried in all when the registry answers 5xx or cannot be reached. */
    public Builder maxAttempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1, was " + attempts);
      }
      this.maxAttempts = attempts;
      return this;
    }

    /** The first retry's delay; each further retry doubles it. */
    public Builder retryBackoff(Duration backoff) {
      this.retryBackoff = Objects.requireNonNull(backoff);
      return this;
    }

    /** TLS settings for https URLs; by default the JVM's (javax.net.ssl.* properties). */
    public Builder sslContext(SSLContext context) {
      this.sslContext = context;
      return this;
    }

    /**
     * How long a schema id the registry answered "not found" for is not asked about again
     * (default 1 minute), and how many such answers a second are taken before ids not seen before
     * stop being looked up until the budget refills (default 20).
     */
    public Builder unknownIds(Duration remember, int missesPerSecond) {
      if (remember.isNegative() || missesPerSecond < 0) {
        throw new IllegalArgumentException("unknownIds: remember (" + remember + ") and missesPerSecond ("
            + missesPerSecond + ") must not be negative");
      }
      this.rememberUnknownIds = remember;
      this.unknownIdsPerSecond = missesPerSecond;
      return this;
    }

    /** The clock the unknown-id memory reads ({@link System#nanoTime()}); for tests. */
    Builder nanoTime(LongSupplier nanoTime) {
      this.nanoTime = Objects.requireNonNull(nanoTime);
      return this;
    }

    public HttpSchemaRegistryClient build() {
      return new HttpSchemaRegistryClient(this);
    }
  }
}
