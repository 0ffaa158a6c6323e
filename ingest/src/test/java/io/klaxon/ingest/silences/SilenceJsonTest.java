package io.klaxon.ingest.silences;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klaxon.contract.FieldProblem;
import io.klaxon.control.Silence;
import io.klaxon.control.SilenceLimits;
import io.klaxon.events.LabelMatcher;
import io.klaxon.events.MatchOp;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SilenceJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
  private static final String ID = "0b6c4a3e-0000-4000-8000-000000000001";

  private static LabelMatcher m(String name, MatchOp op, String value) {
    return LabelMatcher.newBuilder().setName(name).setOp(op).setValue(value).build();
  }

  private static Silence silence(Instant startsAt, Instant endsAt, LabelMatcher... matchers) {
    return new Silence(ID, "acme", List.of(matchers), startsAt, endsAt, "ops", "disk swap",
        Instant.parse("2026-12-03T09:00:00.250Z"));
  }

  private static SilenceJson.Postable post(String json) throws Exception {
    return SilenceJson.postable(JSON.readTree(json), "acme", ID, SilenceLimits.DEFAULTS, NOW);
  }

  private static List<String> fields(SilenceJson.Postable postable) {
    assertThat(postable).isInstanceOf(SilenceJson.Invalid.class);
    return ((SilenceJson.Invalid) postable).problems().stream().map(FieldProblem::field).toList();
  }

  @Test
  void aSilenceIsAlertmanagersGettableSilence() throws Exception {
    Silence silence = silence(Instant.parse("2026-12-03T09:00:00Z"), Instant.parse("2026-12-03T11:00:00Z"),
        m("alertname", MatchOp.EQ, "DiskFull"), m("env", MatchOp.NEQ, "dev"), m("instance", MatchOp.REGEX, "db-.*"),
        m("team", MatchOp.NOT_REGEX, "web|api"));

    assertThat(JSON.readTree(SilenceJson.gettable(silence, NOW).toString())).isEqualTo(JSON.readTree("""
        {"id": "0b6c4a3e-0000-4000-8000-000000000001",
         "status": {"state": "active"},
         "updatedAt": "2026-12-03T09:00:00.250Z",
         "matchers": [
           {"name": "alertname", "value": "DiskFull", "isRegex": false, "isEqual": true},
           {"name": "env", "value": "dev", "isRegex": false, "isEqual": false},
           {"name": "instance", "value": "db-.*", "isRegex": true, "isEqual": true},
           {"name": "team", "value": "web|api", "isRegex": true, "isEqual": false}],
         "startsAt": "2026-12-03T09:00:00.000Z",
         "endsAt": "2026-12-03T11:00:00.000Z",
         "createdBy": "ops",
         "comment": "disk swap"}
        """));
  }

  @Test
  void theStateIsPendingBeforeTheStartAndExpiredFromTheEnd() {
    LabelMatcher env = m("env", MatchOp.EQ, "prod");
    assertThat(SilenceJson.gettable(silence(NOW.plusSeconds(60), NOW.plusSeconds(120), env), NOW)
        .path("status").path("state").asText()).isEqualTo("pending");
    assertThat(SilenceJson.gettable(silence(NOW.minusSeconds(120), NOW, env), NOW)
        .path("status").path("state").asText()).isEqualTo("expired");
  }

  @Test
  void aPostableSilenceReadsEveryOperatorAndTheNewId() throws Exception {
    SilenceJson.Postable postable = post("""
        {"matchers": [
           {"name": "alertname", "value": "DiskFull", "isRegex": false, "isEqual": true},
           {"name": "env", "value": "dev", "isRegex": false, "isEqual": false},
           {"name": "instance", "value": "db-.*", "isRegex": true},
           {"name": "team", "value": "web|api", "isRegex": true, "isEqual": false}],
         "startsAt": "2026-12-03T11:00:00.000+01:00", "endsAt": "2026-12-03T12:30:00Z",
         "createdBy": "ops", "comment": "disk swap"}
        """);

    assertThat(postable).isInstanceOfSatisfying(SilenceJson.Valid.class, valid -> {
      assertThat(valid.replacedId()).isNull();
      Silence silence = valid.silence();
      assertThat(silence.getId()).isEqualTo(ID);
      assertThat(silence.getTenantId()).isEqualTo("acme");
      assertThat(silence.getMatchers()).containsExactly(m("alertname", MatchOp.EQ, "DiskFull"),
          m("env", MatchOp.NEQ, "dev"), m("instance", MatchOp.REGEX, "db-.*"), m("team", MatchOp.NOT_REGEX, "web|api"));
      assertThat(silence.getStartsAt()).isEqualTo(NOW);
      assertThat(silence.getEndsAt()).isEqualTo(Instant.parse("2026-12-03T12:30:00Z"));
      assertThat(silence.getCreatedBy()).isEqualTo("ops");
      assertThat(silence.getComment()).isEqualTo("disk swap");
    });
  }

  @Test
  void aStartInThePastBecomesNowAndAMissingCommentEmptyAndAnIdNamesTheReplacedSilence() throws Exception {
    SilenceJson.Postable postable = post("""
        {"id": "old-1", "matchers": [{"name": "env", "value": "prod", "isRegex": false}],
         "startsAt": "2026-12-01T00:00:00Z", "endsAt": "2026-12-03T11:00:00Z", "createdBy": "ops"}
        """);

    assertThat(postable).isInstanceOfSatisfying(SilenceJson.Valid.class, valid -> {
      assertThat(valid.replacedId()).isEqualTo("old-1");
      assertThat(valid.silence().getId()).isEqualTo(ID);
      assertThat(valid.silence().getStartsAt()).isEqualTo(NOW);
      assertThat(valid.silence().getComment()).isEmpty();
    });
  }

  @Test
  void anInvalidRegularExpressionIsNamedByItsMatcher() throws Exception {
    assertThat(fields(post("""
        {"matchers": [{"name": "env", "value": "prod", "isRegex": false},
                      {"name": "instance", "value": "db-(", "isRegex": true}],
         "startsAt": "2026-12-03T10:00:00Z", "endsAt": "2026-12-03T11:00:00Z", "createdBy": "ops"}
        """))).containsExactly("matchers[1].value");
  }

  @Test
  void anEndBeforeTheStartIsAProblemOfEndsAt() throws Exception {
    assertThat(fields(post("""
        {"matchers": [{"name": "env", "value": "prod", "isRegex": false}],
         "startsAt": "2026-12-03T12:00:00Z", "endsAt": "2026-12-03T11:00:00Z", "createdBy": "ops"}
        """))).containsExactly("endsAt");
  }

  @Test
  void anEndInThePastIsAProblemOfEndsAt() throws Exception {
    assertThat(fields(post("""
        {"matchers": [{"name": "env", "value": "prod", "isRegex": false}],
         "startsAt": "2026-12-03T08:00:00Z", "endsAt": "2026-12-03T09:00:00Z", "createdBy": "ops"}
        """))).containsExactly("endsAt");
  }

  @Test
  void everyShapeProblemIsNamed() throws Exception {
    assertThat(fields(post("""
        {"id": 7, "matchers": [{"name": "env", "value": "prod"}, "env=prod", {"name": 1, "value": "x", "isRegex": false,
         "isEqual": "yes"}], "startsAt": "tomorrow", "createdBy": "", "comment": 3}
        """))).containsExactly("id", "matchers[0].isRegex", "matchers[1]", "matchers[2].name", "matchers[2].isEqual",
        "startsAt", "endsAt", "comment");
    assertThat(fields(post("{\"startsAt\": \"2026-12-03T10:00:00Z\", \"endsAt\": \"2026-12-03T11:00:00Z\", \"createdBy\": \"ops\"}")))
        .containsExactly("matchers");
    assertThat(fields(post("[]"))).containsExactly("");
  }

  @Test
  void theRulesOfEverySilenceApplyOnceTheShapeIsRight() throws Exception {
    assertThat(fields(post("""
        {"matchers": [], "startsAt": "2026-12-03T10:00:00Z", "endsAt": "2026-12-03T11:00:00Z", "createdBy": " "}
        """))).containsExactly("matchers", "createdBy");
    assertThat(fields(post("""
        {"matchers": [{"name": "env", "value": ".*", "isRegex": true}],
         "startsAt": "2026-12-03T10:00:00Z", "endsAt": "2026-12-03T11:00:00Z", "createdBy": "ops"}
        """))).containsExactly("matchers");
  }

  @Test
  void aSilenceOverTheSizeLimitIsRefusedWhole() throws Exception {
    JsonNode body = JSON.readTree("""
        {"matchers": [{"name": "env", "value": "prod", "isRegex": false}],
         "startsAt": "2026-12-03T10:00:00Z", "endsAt": "2026-12-03T11:00:00Z", "createdBy": "ops",
         "comment": "%s"}
        """.formatted("x".repeat(200)));

    SilenceJson.Postable postable = SilenceJson.postable(body, "acme", ID, new SilenceLimits(10, 128), NOW);
    assertThat(postable).isInstanceOfSatisfying(SilenceJson.Invalid.class, invalid ->
        assertThat(invalid.problems()).singleElement().satisfies(p -> {
          assertThat(p.field()).isEmpty();
          assertThat(p.message()).contains("over the tenant's limit of 128");
        }));
  }
}
