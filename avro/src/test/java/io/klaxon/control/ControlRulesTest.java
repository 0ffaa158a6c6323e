package io.klaxon.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.contract.FieldProblem;
import io.klaxon.events.LabelMatcher;
import io.klaxon.events.MatchOp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControlRulesTest {
  static Silence silence(LabelMatcher... matchers) {
    return new Silence("5b3e7d2a-0000-4000-8000-000000000001", "acme", List.of(matchers), Instant.ofEpochMilli(1_000L),
        Instant.ofEpochMilli(2_000L), "jane", "db migration", Instant.ofEpochMilli(1_000L));
  }

  static LabelMatcher m(String name, MatchOp op, String value) {
    return new LabelMatcher(name, op, value);
  }

  private static List<String> fields(List<FieldProblem> problems) {
    return problems.stream().map(FieldProblem::field).toList();
  }

  @Test
  void aWellFormedSilencePasses() {
    assertThat(ControlRules.check(silence(m("env", MatchOp.EQ, "prod")), SilenceLimits.DEFAULTS, false)).isEmpty();
  }

  @Test
  void endBeforeOrAtStartIsRefusedAtEndsAt() {
    Silence backwards = Silence.newBuilder(silence(m("env", MatchOp.EQ, "prod"))).setEndsAt(Instant.ofEpochMilli(500L)).build();
    Silence empty = Silence.newBuilder(silence(m("env", MatchOp.EQ, "prod"))).setEndsAt(Instant.ofEpochMilli(1_000L)).build();

    assertThat(ControlRules.check(backwards, SilenceLimits.DEFAULTS, false))
        .containsExactly(new FieldProblem("endsAt", "must be after startsAt"));
    assertThat(fields(ControlRules.check(empty, SilenceLimits.DEFAULTS, false))).containsExactly("endsAt");
    assertThat(ControlRules.check(empty, SilenceLimits.DEFAULTS, true)).as("expiry may end it at its start").isEmpty();
  }

  @Test
  void badMatchersAreNamedByIndex() {
    Silence bad = silence(m("env", MatchOp.EQ, "prod"), m("1bad", MatchOp.EQ, "x"), m("svc", MatchOp.REGEX, "pay("));

    List<FieldProblem> problems = ControlRules.check(bad, SilenceLimits.DEFAULTS, false);

    assertThat(fields(problems)).containsExactly("matchers[1].name", "matchers[2].value");
    assertThat(problems.get(1).message()).startsWith("regular expression does not compile");
  }

  @Test
  void noMatchersOrOnlyMatchersOfTheEmptyStringAreRefused() {
    assertThat(fields(ControlRules.check(silence(), SilenceLimits.DEFAULTS, false))).containsExactly("matchers");
    assertThat(ControlRules.check(silence(m("env", MatchOp.REGEX, ".*")), SilenceLimits.DEFAULTS, false))
        .singleElement().satisfies(p -> assertThat(p.message()).contains("mute all alerts"));
  }

  @Test
  void tooManyMatchersAndTooLargeAreRefused() {
    List<LabelMatcher> many = new ArrayList<>();
    for (int i = 0; i <= ControlRules.MAX_MATCHERS; i++) {
      many.add(m("l" + i, MatchOp.EQ, "v"));
    }
    assertThat(fields(ControlRules.check(silence(many.toArray(LabelMatcher[]::new)), SilenceLimits.DEFAULTS, false)))
        .containsExactly("matchers");

    Silence large = Silence.newBuilder(silence(m("env", MatchOp.EQ, "prod"))).setComment("x".repeat(600)).build();
    assertThat(ControlRules.check(large, new SilenceLimits(10, 512), false)).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("over the tenant's limit of 512"));
    assertThat(ControlRules.check(large, SilenceLimits.DEFAULTS, false)).isEmpty();
  }

  @Test
  void authorTenantAndIdAreRequired() {
    Silence bad = Silence.newBuilder(silence(m("env", MatchOp.EQ, "prod"))).setCreatedBy(" ").setTenantId("A")
        .setId("").build();

    assertThat(fields(ControlRules.check(bad, SilenceLimits.DEFAULTS, false))).containsExactly("id", "tenantId", "createdBy");
  }

  @Test
  void acknowledgementsNeedTenantFingerprintAndAuthor() {
    Acknowledgement good = new Acknowledgement("acme", "a1b2c3", AckState.ACKED, "jane", Instant.EPOCH, "", "cli");
    Acknowledgement bad = new Acknowledgement("acme", "", AckState.ACKED, "", Instant.EPOCH, "", "cli");

    assertThat(ControlRules.check(good)).isEmpty();
    assertThat(fields(ControlRules.check(bad))).containsExactly("fingerprint", "by");
  }
}
