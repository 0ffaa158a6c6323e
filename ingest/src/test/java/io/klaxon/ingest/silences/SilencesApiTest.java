package io.klaxon.ingest.silences;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klaxon.control.Silence;
import io.klaxon.control.SilenceLimits;
import io.klaxon.ingest.http.Answer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class SilencesApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private final MockTopicSilences topic = new MockTopicSilences(CLOCK);
  private final SilencesApi api = new SilencesApi(topic, topic.events, SilenceLimits.DEFAULTS, CLOCK);

  private static String body(String matcherName, String value, String startsAt, String endsAt) {
    return """
        {"matchers": [{"name": "%s", "value": "%s", "isRegex": false, "isEqual": true}],
         "startsAt": "%s", "endsAt": "%s", "createdBy": "ops", "comment": "why"}
        """.formatted(matcherName, value, startsAt, endsAt);
  }

  private static String body(String matcherName, String value) {
    return body(matcherName, value, "2026-12-03T10:00:00Z", "2026-12-03T12:00:00Z");
  }

  private String create(String tenant, String json) throws Exception {
    Answer answer = api.post(tenant, json.getBytes(StandardCharsets.UTF_8));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body()).path("silenceID").asText();
  }

  private static JsonNode json(Answer answer) throws Exception {
    return JSON.readTree(answer.body());
  }

  private List<String> ids(String tenant, String... filters) throws Exception {
    Answer answer = api.list(tenant, List.of(filters));
    assertThat(answer.status()).isEqualTo(200);
    return StreamSupport.stream(json(answer).spliterator(), false).map(s -> s.path("id").asText()).toList();
  }

  @Test
  void aCreatedSilenceIsListedAndFoundByItsTenantOnly() throws Exception {
    String id = create("acme", body("alertname", "DiskFull"));

    assertThat(topic.writes()).singleElement().satisfies(s -> {
      assertThat(s.getId()).isEqualTo(id);
      assertThat(s.getTenantId()).isEqualTo("acme");
    });
    assertThat(ids("acme")).containsExactly(id);
    Answer one = api.get("acme", id);
    assertThat(one.status()).isEqualTo(200);
    assertThat(json(one).path("status").path("state").asText()).isEqualTo("active");
    assertThat(json(one).path("createdBy").asText()).isEqualTo("ops");

    assertThat(ids("globex")).isEmpty();
    assertThat(api.get("globex", id).status()).isEqualTo(404);
    assertThat(api.expire("globex", id).status()).isEqualTo(404);
    Answer update = api.post("globex", ("{\"id\": \"" + id + "\", " + body("alertname", "X").substring(1))
        .getBytes(StandardCharsets.UTF_8));
    assertThat(update.status()).isEqualTo(404);
    assertThat(topic.writes()).hasSize(1);
  }

  @Test
  void anUpdateExpiresTheOldSilenceAndCreatesANewOne() throws Exception {
    String old = create("acme", body("alertname", "DiskFull"));

    String replacement = create("acme", "{\"id\": \"" + old + "\", " + body("alertname", "DiskFull",
        "2026-12-03T10:00:00Z", "2026-12-03T14:00:00Z").strip().substring(1));

    assertThat(replacement).isNotEqualTo(old);
    assertThat(json(api.get("acme", old)).path("status").path("state").asText()).isEqualTo("expired");
    assertThat(json(api.get("acme", replacement)).path("endsAt").asText()).isEqualTo("2026-12-03T14:00:00.000Z");
    assertThat(ids("acme")).containsExactly(replacement, old);
    assertThat(topic.writes()).as("the new silence is written before the old one ends").extracting(Silence::getId)
        .containsExactly(old, replacement, old);
  }

  @Test
  void anUpdateOfAnUnknownIdWritesNothing() throws Exception {
    Answer answer = api.post("acme", ("{\"id\": \"nope\", " + body("env", "prod").strip().substring(1))
        .getBytes(StandardCharsets.UTF_8));

    assertThat(answer.status()).isEqualTo(404);
    assertThat(topic.writes()).isEmpty();
  }

  @Test
  void expiringEndsItNowAndIsAnsweredWithAnEmpty200() throws Exception {
    String id = create("acme", body("env", "prod"));

    Answer answer = api.expire("acme", id);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).isEmpty();
    JsonNode expired = json(api.get("acme", id));
    assertThat(expired.path("status").path("state").asText()).isEqualTo("expired");
    assertThat(expired.path("endsAt").asText()).isEqualTo("2026-12-03T10:00:00.000Z");
    assertThat(api.expire("acme", id).status()).isEqualTo(200);
    assertThat(topic.writes()).hasSize(2);
  }

  @Test
  void filtersKeepSilencesWithAMatcherOfTheSameNameWhoseValueMatches() throws Exception {
    String disk = create("acme", body("alertname", "DiskFull"));
    String cpu = create("acme", body("alertname", "CpuHigh"));
    String env = create("acme", body("env", "prod"));

    assertThat(ids("acme", "alertname=\"DiskFull\"")).containsExactly(disk);
    assertThat(ids("acme", "alertname=~\".*Full|Cpu.*\"")).containsExactlyInAnyOrder(disk, cpu);
    assertThat(ids("acme", "alertname!=DiskFull")).containsExactly(cpu);
    assertThat(ids("acme", "env=prod", "alertname=DiskFull")).isEmpty();
    assertThat(ids("acme")).containsExactlyInAnyOrder(disk, cpu, env);
    Answer bad = api.list("acme", List.of("alertname=~\"(\""));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(json(bad).asText()).startsWith("filter[0] ");
  }

  @Test
  void theListIsActiveByEndThenPendingByStartThenExpired() throws Exception {
    String later = create("acme", body("a", "1", "2026-12-03T10:00:00Z", "2026-12-03T13:00:00Z"));
    String sooner = create("acme", body("a", "2", "2026-12-03T10:00:00Z", "2026-12-03T11:00:00Z"));
    String pending = create("acme", body("a", "3", "2026-12-03T12:00:00Z", "2026-12-03T13:00:00Z"));
    String expired = create("acme", body("a", "4"));
    api.expire("acme", expired);

    assertThat(ids("acme")).containsExactly(sooner, later, pending, expired);
  }

  @Test
  void badInputIsA400NamingTheFieldAndWritesNothing() throws Exception {
    Answer endBeforeStart = api.post("acme", body("env", "prod", "2026-12-03T12:00:00Z", "2026-12-03T11:00:00Z")
        .getBytes(StandardCharsets.UTF_8));
    Answer badRegex = api.post("acme", """
        {"matchers": [{"name": "env", "value": "(", "isRegex": true}],
         "startsAt": "2026-12-03T10:00:00Z", "endsAt": "2026-12-03T11:00:00Z", "createdBy": "ops"}
        """.getBytes(StandardCharsets.UTF_8));
    Answer notJson = api.post("acme", "{".getBytes(StandardCharsets.UTF_8));

    assertThat(endBeforeStart.status()).isEqualTo(400);
    assertThat(json(endBeforeStart).asText()).isEqualTo("endsAt: must be after startsAt");
    assertThat(badRegex.status()).isEqualTo(400);
    assertThat(json(badRegex).asText()).startsWith("matchers[0].value: regular expression does not compile");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(topic.writes()).isEmpty();
  }

  @Test
  void aTenantAtItsLimitOfSilencesGetsA400UntilItExpiresOne() throws Exception {
    SilencesApi limited = new SilencesApi(topic, topic.events, new SilenceLimits(2, 8192), CLOCK);
    String first = create("acme", body("a", "1"));
    create("acme", body("a", "2"));

    Answer full = limited.post("acme", body("a", "3").getBytes(StandardCharsets.UTF_8));
    assertThat(full.status()).isEqualTo(400);
    assertThat(json(full).asText()).contains("already has 2 silences that have not ended");
    assertThat(topic.writes()).hasSize(2);

    Answer update = limited.post("acme", ("{\"id\": \"" + first + "\", " + body("a", "1b").strip().substring(1))
        .getBytes(StandardCharsets.UTF_8));
    assertThat(update.status()).as("an update replaces, so it fits").isEqualTo(200);
    assertThat(create("globex", body("a", "1"))).isNotBlank();
  }

  @Test
  void anUnreadableTopicIsA503AndNothingIsWritten() {
    topic.unavailable = true;

    assertThat(api.list("acme", List.of()).status()).isEqualTo(503);
    Answer post = api.post("acme", body("env", "prod").getBytes(StandardCharsets.UTF_8));
    assertThat(post.status()).isEqualTo(503);
    assertThat(post.headers()).containsEntry("Retry-After", "5");
    assertThat(topic.producer.history()).isEmpty();
  }
}
