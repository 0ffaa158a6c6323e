package io.klaxon.sinks.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klaxon.sinks.inbox.Inbox;
import io.klaxon.sinks.inbox.IncidentState;
import io.klaxon.sinks.inbox.InboxServer;
import io.klaxon.sinks.inbox.PagerDutyCapture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The PagerDuty stand-in over real HTTP, posted to as the notifier posts to PagerDuty's Events API v2. */
class PagerDutyStandInIT {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String KEY = EventValidatorTest.KEY;

  private final Inbox inbox = new Inbox();
  private final HttpClient http = HttpClient.newHttpClient();
  private PagerDutyStandIn standIn;

  @AfterEach
  void stop() {
    if (standIn != null) {
      standIn.close();
    }
    http.close();
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(standIn.url() + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> enqueue(String body) throws Exception {
    return post(PagerDutyStandIn.ENQUEUE_PATH, body);
  }

  private static String event(String action) {
    return "{\"routing_key\":\"" + KEY + "\",\"event_action\":\"" + action + "\",\"dedup_key\":\"disk-full-db-1\"}";
  }

  @Test
  void triggerAcknowledgeResolveAnsweredLikePagerDuty() throws Exception {
    standIn = PagerDutyStandIn.start(PagerDutySettings.defaults(), inbox);
    assertThat(standIn.eventsUrl()).isEqualTo("http://127.0.0.1:" + standIn.port() + "/v2/enqueue");

    HttpResponse<String> trigger = enqueue(EventValidatorTest.trigger(KEY, "disk-full-db-1", "Disk full (db-1)", "critical"));
    assertThat(trigger.statusCode()).isEqualTo(202);
    assertThat(trigger.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode accepted = MAPPER.readTree(trigger.body());
    assertThat(accepted.path("status").asText()).isEqualTo("success");
    assertThat(accepted.path("message").asText()).isEqualTo("Event processed");
    assertThat(accepted.path("dedup_key").asText()).isEqualTo("disk-full-db-1");
    assertThat(standIn.incidentState(KEY, "disk-full-db-1")).hasValue(IncidentState.TRIGGERED);

    HttpResponse<String> acknowledge = enqueue(event("acknowledge"));
    assertThat(acknowledge.statusCode()).isEqualTo(202);
    assertThat(MAPPER.readTree(acknowledge.body()).path("dedup_key").asText()).isEqualTo("disk-full-db-1");
    assertThat(standIn.incidentState(KEY, "disk-full-db-1")).hasValue(IncidentState.ACKNOWLEDGED);

    HttpResponse<String> resolve = enqueue(event("resolve"));
    assertThat(resolve.statusCode()).isEqualTo(202);
    assertThat(standIn.incidentState(KEY, "disk-full-db-1")).hasValue(IncidentState.RESOLVED);

    HttpResponse<String> lateAcknowledge = enqueue(event("acknowledge"));
    assertThat(lateAcknowledge.statusCode()).as("accepted, though nothing changes").isEqualTo(202);
    assertThat(standIn.incidentState(KEY, "disk-full-db-1")).hasValue(IncidentState.RESOLVED);

    assertThat(standIn.events()).extracting(PagerDutyCapture::action)
        .containsExactly("acknowledge", "resolve", "acknowledge", "trigger");
    assertThat(standIn.events()).allSatisfy(event -> {
      assertThat(event.incidentState()).isEqualTo(IncidentState.RESOLVED);
      assertThat(event.tenant()).isEqualTo("umbrella");
      assertThat(event.toString()).doesNotContain(KEY);
    });
  }

  @Test
  void refusesInvalidEventsWithPagerDutysErrorBody() throws Exception {
    standIn = PagerDutyStandIn.start(PagerDutySettings.defaults(), inbox);

    HttpResponse<String> response = enqueue("{\"routing_key\":\"too-short\",\"event_action\":\"resolve\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode body = MAPPER.readTree(response.body());
    assertThat(body.path("status").asText()).isEqualTo("invalid event");
    assertThat(body.path("message").asText()).isEqualTo("Event object is invalid");
    assertThat(body.path("errors")).extracting(JsonNode::asText).containsExactly(
        "Length of 'routing_key' is incorrect (should be 32 characters)",
        "'dedup_key' is missing or blank (an event to resolve must name one)");
    assertThat(standIn.events()).singleElement().satisfies(event -> assertThat(event.responseStatus()).isEqualTo(400));
    assertThat(enqueue("{").statusCode()).isEqualTo(400);
  }

  @Test
  void answersOnlyPostsToTheEnqueuePath() throws Exception {
    standIn = PagerDutyStandIn.start(PagerDutySettings.defaults(), inbox);

    assertThat(post("/v2/enqueue/extra", event("resolve")).statusCode()).isEqualTo(404);
    assertThat(post("/generic/2010-04-15/create_event.json", event("resolve")).statusCode()).isEqualTo(404);
    HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(standIn.eventsUrl())).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    assertThat(standIn.events()).isEmpty();
  }

  @Test
  void overTheRoutingKeysLimitAnswers429WithRetryAfter() throws Exception {
    standIn = PagerDutyStandIn.start(PagerDutySettings.defaults().withRateLimit(6, 1), inbox);

    assertThat(enqueue(event("resolve")).statusCode()).isEqualTo(202);
    HttpResponse<String> throttled = enqueue(event("resolve"));

    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After").map(Long::parseLong)).hasValueSatisfying(
        seconds -> assertThat(seconds).isBetween(1L, 10L));
    assertThat(MAPPER.readTree(throttled.body()).path("status").asText()).isEqualTo("throttle exceeded");
    assertThat(standIn.rateLimitedCount()).isEqualTo(1);
  }

  @Test
  void theInboxPageShowsTheEventsWithoutTheRoutingKey() throws Exception {
    standIn = PagerDutyStandIn.start(PagerDutySettings.defaults(), inbox);
    enqueue(EventValidatorTest.trigger(KEY, "disk-full-db-1", "Disk full (db-1)", "critical"));
    enqueue(event("acknowledge"));

    try (InboxServer page = InboxServer.start(0, inbox)) {
      String html = http.send(HttpRequest.newBuilder(URI.create(page.url() + "?tenant=umbrella&channel=pagerduty")).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
      assertThat(html).contains("Disk full (db-1)").contains("incident #1 acknowledged").contains("routing key …CDEF")
          .doesNotContain(KEY);
      String json = http.send(HttpRequest.newBuilder(URI.create(page.url() + "api/messages?channel=pagerduty")).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
      assertThat(json).doesNotContain(KEY);
      assertThat(MAPPER.readTree(json).path("received").path("pagerduty").asInt()).isEqualTo(2);
    }
  }

  @Test
  void stopsListeningOnClose() throws Exception {
    standIn = PagerDutyStandIn.start(PagerDutySettings.defaults(), inbox);
    int port = standIn.port();
    assertThat(listening("127.0.0.1", port)).isTrue();
    standIn.close();
    standIn = null;
    assertThat(listening("127.0.0.1", port)).isFalse();
  }

  private static boolean listening(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 2_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
