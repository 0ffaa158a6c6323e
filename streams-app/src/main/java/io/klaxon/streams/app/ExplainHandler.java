package io.klaxon.streams.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.klaxon.control.AckState;
import io.klaxon.control.Acknowledgement;
import io.klaxon.control.ControlKeys;
import io.klaxon.events.TenantConfig;
import io.klaxon.ops.OpsServer;
import io.klaxon.streams.KlaxonTopology;
import io.klaxon.streams.control.Suppression;
import io.klaxon.streams.dedup.DedupState;
import io.klaxon.streams.dedup.DedupStoreKey;
import io.klaxon.streams.ratelimit.BucketState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Answers why an alert was (or would be) suppressed, from the live state stores:
 *
 * <ul>
 *   <li>{@code GET /tenants/{tenant}} — the tenant's token buckets and what they suppressed in
 *       the current summary window;
 *   <li>{@code GET /tenants/{tenant}/fingerprints/{fingerprint}} — the same plus the fingerprint's
 *       dedup state: firing or resolved, last seen, last notified, duplicates suppressed since, and
 *       when its window ends; the last time a silence, maintenance window or acknowledgement held
 *       it back (naming the silence's id, the window or who acknowledged), and whether it is
 *       acknowledged now.
 * </ul>
 *
 * Any instance answers for any tenant: the tenant's partition is found through Streams metadata,
 * and a request for a partition another instance owns is forwarded to that instance's
 * {@code application.server} (once; a forwarded request is never forwarded again).
 */
final class ExplainHandler implements HttpHandler {
  static final String PREFIX = "/tenants/";
  private static final String FORWARDED = "X-Klaxon-Forwarded";

  private final KafkaStreams streams;
  private final HostInfo self;
  private final long defaultWindowMs;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  ExplainHandler(KafkaStreams streams, HostInfo self, long defaultWindowMs) {
    this.streams = streams;
    this.self = self;
    this.defaultWindowMs = defaultWindowMs;
  }

  /**
   * Always answers: a path segment that does not decode is a 400 naming it, a state store that
   * cannot be queried right now (a rebalance) a 503, anything else unexpected a 500, each with a JSON
   * {@code error} message, instead of a connection closed without an answer.
   */
  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      answer(exchange);
    } catch (MalformedSegmentException e) {
      OpsServer.respond(exchange, 400, "application/json", "{\"error\":\"" + json(e.getMessage()) + "\"}");
    } catch (InvalidStateStoreException e) {
      OpsServer.respond(exchange, 503, "application/json",
          "{\"error\":\"state not queryable right now (rebalancing?): " + json(e.getMessage()) + "\"}");
    } catch (RuntimeException e) {
      OpsServer.respond(exchange, 500, "application/json",
          "{\"error\":\"explaining failed: " + json(e.getClass().getSimpleName() + ": " + e.getMessage()) + "\"}");
    }
  }

  private void answer(HttpExchange exchange) throws IOException {
    String[] parts = exchange.getRequestURI().getRawPath().substring(PREFIX.length()).split("/", -1);
    String tenant = decode(parts[0]);
    String fingerprint = parts.length == 3 && parts[1].equals("fingerprints") && !parts[2].isEmpty() ? decode(parts[2]) : null;
    if (tenant.isEmpty() || (parts.length != 1 && fingerprint == null)) {
      OpsServer.respond(exchange, 404, "application/json",
          "{\"error\":\"use /tenants/{tenant} or /tenants/{tenant}/fingerprints/{fingerprint}\"}");
      return;
    }
    if (streams.state() != KafkaStreams.State.RUNNING) {
      OpsServer.respond(exchange, 503, "application/json",
          "{\"error\":\"streams not running (" + streams.state() + ")\"}");
      return;
    }
    KeyQueryMetadata metadata = streams.queryMetadataForKey(KlaxonTopology.STORE_RATE_LIMIT, tenant,
        Serdes.String().serializer());
    if (metadata == null || metadata.activeHost() == null || metadata.activeHost().port() < 0) {
      OpsServer.respond(exchange, 503, "application/json", "{\"error\":\"no instance owns tenant " + json(tenant) + " yet\"}");
      return;
    }
    if (!metadata.activeHost().equals(self) && exchange.getRequestHeaders().getFirst(FORWARDED) == null) {
      forward(exchange, metadata.activeHost());
      return;
    }
    OpsServer.respond(exchange, 200, "application/json", explain(tenant, fingerprint, metadata.partition()));
  }

  private String explain(String tenant, String fingerprint, int partition) {
    ReadOnlyKeyValueStore<String, BucketState> buckets = streams.store(StoreQueryParameters
        .fromNameAndType(KlaxonTopology.STORE_RATE_LIMIT, QueryableStoreTypes.<String, BucketState>keyValueStore())
        .withPartition(partition));
    StringBuilder out = new StringBuilder("{\"tenant\":\"").append(json(tenant)).append("\",\"partition\":")
        .append(partition).append(",\"answeredBy\":\"").append(self.host()).append(':').append(self.port()).append('"');
    BucketState bucket = buckets.get(tenant);
    if (bucket == null) {
      out.append(",\"bucket\":null");
    } else {
      out.append(",\"bucket\":{\"tokens\":").append(String.format(Locale.ROOT, "%.2f", bucket.tokens()))
          .append(",\"criticalTokens\":").append(String.format(Locale.ROOT, "%.2f", bucket.criticalTokens()))
          .append(",\"lastRefill\":\"").append(Instant.ofEpochMilli(bucket.lastRefill()))
          .append("\",\"summaryWindowStart\":\"").append(Instant.ofEpochMilli(bucket.windowStart()))
          .append("\",\"suppressedInWindow\":").append(bucket.suppressedTotal()).append('}');
    }
    if (fingerprint != null) {
      ReadOnlyKeyValueStore<String, DedupState> dedup = streams.store(StoreQueryParameters
          .fromNameAndType(KlaxonTopology.STORE_DEDUP, QueryableStoreTypes.<String, DedupState>keyValueStore())
          .withPartition(partition));
      DedupState state = dedup.get(DedupStoreKey.of(tenant, fingerprint));
      ReadOnlyKeyValueStore<String, TenantConfig> tenants = streams.store(StoreQueryParameters
          .fromNameAndType(KlaxonTopology.STORE_TENANTS, QueryableStoreTypes.<String, TenantConfig>keyValueStore()));
      TenantConfig config = tenants.get(tenant);
      long windowMs = config != null && config.getDedupWindowMs() != null ? config.getDedupWindowMs() : defaultWindowMs;
      out.append(",\"fingerprint\":\"").append(json(fingerprint)).append('"');
      if (state == null) {
        out.append(",\"dedup\":null,\"verdict\":\"not seen within its window: the next FIRING event notifies\"");
      } else {
        out.append(",\"dedup\":{\"status\":\"").append(state.firing() ? "FIRING" : "RESOLVED")
            .append("\",\"lastSeen\":\"").append(Instant.ofEpochMilli(state.lastSeen()))
            .append("\",\"lastNotified\":\"").append(Instant.ofEpochMilli(state.lastNotified()))
            .append("\",\"suppressedSinceLastNotification\":").append(state.suppressed())
            .append(",\"windowEndsAt\":\"").append(Instant.ofEpochMilli(state.lastSeen() + windowMs))
            .append("\"},\"verdict\":\"").append(state.firing()
                ? "a FIRING event before windowEndsAt is a duplicate (suppressed) unless the repeat interval has passed since lastNotified"
                : "a RESOLVED event before windowEndsAt is a duplicate; a FIRING event notifies")
            .append('"');
      }
      appendControl(out, tenant, fingerprint, partition);
    }
    return out.append('}').toString();
  }

  /** The fingerprint's last suppression (which silence, window or ack held it back) and its acknowledgement. */
  private void appendControl(StringBuilder out, String tenant, String fingerprint, int partition) {
    ReadOnlyKeyValueStore<String, Suppression> suppressions = streams.store(StoreQueryParameters
        .fromNameAndType(KlaxonTopology.STORE_SUPPRESSIONS, QueryableStoreTypes.<String, Suppression>keyValueStore())
        .withPartition(partition));
    Suppression last = suppressions.get(DedupStoreKey.of(tenant, fingerprint));
    if (last == null) {
      out.append(",\"lastSuppression\":null");
    } else {
      String field = switch (last.kind()) {
        case SILENCE -> "silenceId";
        case MAINTENANCE_WINDOW -> "window";
        case ACKNOWLEDGEMENT -> "acknowledgedBy";
      };
      out.append(",\"lastSuppression\":{\"outcome\":\"")
          .append(last.kind() == Suppression.Kind.ACKNOWLEDGEMENT ? "acknowledged" : "silenced")
          .append("\",\"").append(field).append("\":\"").append(json(last.ref()))
          .append("\",\"at\":\"").append(Instant.ofEpochMilli(last.atMs())).append("\"}");
    }
    ReadOnlyKeyValueStore<String, Acknowledgement> acks = streams.store(StoreQueryParameters
        .fromNameAndType(KlaxonTopology.STORE_ACKS, QueryableStoreTypes.<String, Acknowledgement>keyValueStore()));
    Acknowledgement ack = acks.get(ControlKeys.ack(tenant, fingerprint));
    if (ack == null || ack.getState() != AckState.ACKED) {
      out.append(",\"acknowledged\":null");
    } else {
      out.append(",\"acknowledged\":{\"by\":\"").append(json(ack.getBy())).append("\",\"at\":\"").append(ack.getAt())
          .append("\",\"comment\":\"").append(json(ack.getComment())).append("\"}");
    }
  }

  private void forward(HttpExchange exchange, HostInfo owner) throws IOException {
    URI uri = URI.create("http://" + owner.host() + ":" + owner.port() + exchange.getRequestURI().getRawPath());
    try {
      HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
          .header(FORWARDED, self.host() + ":" + self.port()).build(), HttpResponse.BodyHandlers.ofString());
      OpsServer.respond(exchange, answer.statusCode(), "application/json", answer.body());
    } catch (IOException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      OpsServer.respond(exchange, 502, "application/json",
          "{\"error\":\"owner " + owner.host() + ":" + owner.port() + " did not answer: " + json(e.toString()) + "\"}");
    }
  }

  static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * The text of a raw path segment: percent-escapes decoded as UTF-8; a {@code '+'} stays a plus
   * (paths are not form-encoded, and {@link #encode} never writes one for a space).
   *
   * @throws MalformedSegmentException when an escape is incomplete or not hex, or the bytes are not UTF-8
   */
  static String decode(String segment) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c != '%') {
        // The JDK server reads the request line as ISO-8859-1: a char below 256 is the byte sent.
        if (c < 0x100) {
          bytes.write(c);
        } else {
          bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
        }
        continue;
      }
      int high = i + 2 < segment.length() ? Character.digit(segment.charAt(i + 1), 16) : -1;
      int low = i + 2 < segment.length() ? Character.digit(segment.charAt(i + 2), 16) : -1;
      if (high < 0 || low < 0) {
        throw new MalformedSegmentException(segment);
      }
      bytes.write(high << 4 | low);
      i += 2;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      throw new MalformedSegmentException(segment);
    }
  }

  /** A path segment whose percent-encoding does not decode to UTF-8 text. */
  static final class MalformedSegmentException extends IllegalArgumentException {
    MalformedSegmentException(String segment) {
      super("path segment '" + segment + "' is not valid percent-encoded UTF-8");
    }
  }

  private static String json(String value) {
    return OpsServer.jsonEscape(value);
  }
}
