package io.klaxon.sinks.pagerduty;

import com.sun.net.httpserver.HttpExchange;
import io.klaxon.ops.OpsServer;
import io.klaxon.sinks.http.LoopbackHttpServer;
import io.klaxon.sinks.inbox.Inbox;
import io.klaxon.sinks.inbox.IncidentState;
import io.klaxon.sinks.inbox.PagerDutyCapture;
import java.io.IOException;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A local stand-in for PagerDuty's Events API v2 on 127.0.0.1, for what Klaxon's notifier uses:
 * {@code POST /v2/enqueue} with a JSON event ({@link Enqueue}). It validates as PagerDuty does (a
 * 32-character {@code routing_key}, {@code event_action} trigger, acknowledge or resolve, a {@code
 * dedup_key} to acknowledge or resolve, a trigger's {@code payload} with {@code summary}, {@code
 * source} and {@code severity}: {@link EventValidator}) and answers like it: 202 {@code
 * {"status":"success","message":"Event processed","dedup_key":…}}, 400 {@code {"status":"invalid
 * event","message":"Event object is invalid","errors":[…]}}, and, with the rate limit on, 429 with
 * {@code Retry-After} over {@link PagerDutySettings#eventsPerMinute()} per routing key. It keeps an
 * incident per routing key and dedup key ({@link Incidents}: a trigger opens it, acknowledge and
 * resolve move it on), at most as many as the inbox keeps captures. Every event answered 202 or 400
 * goes to the {@link Inbox}, never with its routing key (only the last four characters). Other
 * paths answer 404, other methods 405. Thread-safe; {@link #close()} stops the server.
 */
public final class PagerDutyStandIn implements AutoCloseable {
  /** The Events API v2 path. */
  public static final String ENQUEUE_PATH = "/v2/enqueue";

  private final Inbox inbox;
  private final Incidents incidents;
  private final RoutingKeyLimits limits;
  private final Enqueue enqueue;
  private final LoopbackHttpServer server;

  private PagerDutyStandIn(PagerDutySettings settings, Inbox inbox, InstantSource clock) throws IOException {
    Objects.requireNonNull(settings, "settings");
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    Objects.requireNonNull(clock, "clock");
    this.incidents = new Incidents(inbox.capacity());
    this.limits = new RoutingKeyLimits(settings, clock);
    this.enqueue = new Enqueue(inbox, incidents, limits, clock);
    this.server = LoopbackHttpServer.start(settings.port(), Map.of(
        ENQUEUE_PATH, this::handle,
        "/", exchange -> send(exchange, PagerDutyAnswer.refused(404, "not found"))));
  }

  /**
   * Starts the stand-in on the system clock.
   *
   * @throws IOException when the port cannot be bound
   */
  public static PagerDutyStandIn start(PagerDutySettings settings, Inbox inbox) throws IOException {
    return new PagerDutyStandIn(settings, inbox, InstantSource.system());
  }

  /** Starts the stand-in with a given clock (for the rate limit and the capture times). */
  public static PagerDutyStandIn start(PagerDutySettings settings, Inbox inbox, InstantSource clock) throws IOException {
    return new PagerDutyStandIn(settings, inbox, clock);
  }

  public int port() {
    return server.port();
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String url() {
    return server.url();
  }

  /** {@code http://127.0.0.1:<port>/v2/enqueue}: the notifier's {@code PAGERDUTY_EVENTS_URL}. */
  public String eventsUrl() {
    return server.url() + ENQUEUE_PATH;
  }

  /** The state of the incident of {@code routingKey} and {@code dedupKey}, empty when none is kept. */
  public Optional<IncidentState> incidentState(String routingKey, String dedupKey) {
    return incidents.incident(routingKey, dedupKey).map(Incidents.Incident::state);
  }

  /** How many events were answered with HTTP 429. */
  public long rateLimitedCount() {
    return limits.refusedCount();
  }

  /** The PagerDuty events in the inbox (accepted and refused), newest first. */
  public List<PagerDutyCapture> events() {
    return inbox.captures(PagerDutyCapture.class);
  }

  @Override
  public void close() {
    server.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    if (!ENQUEUE_PATH.equals(exchange.getRequestURI().getPath())) {
      send(exchange, PagerDutyAnswer.refused(404, "not found"));
      return;
    }
    if (!"POST".equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", "POST");
      send(exchange, PagerDutyAnswer.refused(405, "method not allowed"));
      return;
    }
    byte[] body;
    try {
      body = LoopbackHttpServer.body(exchange);
    } catch (IOException tooLargeOrCut) {
      send(exchange, PagerDutyAnswer.invalid(List.of("Event object is too large or was cut off")));
      return;
    }
    send(exchange, enqueue.receive(body));
  }

  private static void send(HttpExchange exchange, PagerDutyAnswer answer) throws IOException {
    answer.retryAfterSeconds().ifPresent(
        seconds -> exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds)));
    OpsServer.respond(exchange, answer.status(), "application/json; charset=utf-8", answer.body());
  }
}
