package io.klaxon.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.LabelMatcher;
import io.klaxon.events.MatchOp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelMatchersTest {
  private final LabelMatchers matchers = new LabelMatchers();

  private static LabelMatcher m(String name, MatchOp op, String value) {
    return new LabelMatcher(name, op, value);
  }

  /**
   * Without the step budget this test would take minutes: (.*a){12} tries every way of splitting
   * 41 characters into twelve runs (0.3 s for 24 characters here, growing as n^12).
   */
  @Test
  void aBacktrackingRegexStopsAtItsStepBudgetAndHoldsNeitherWay() {
    Map<String, String> labels = Map.of("service", "a".repeat(40) + "b");

    assertThat(matchers.holds(m("service", MatchOp.REGEX, "(.*a){12}"), labels)).isFalse();
    assertThat(matchers.holds(m("service", MatchOp.NOT_REGEX, "(.*a){12}"), labels)).isFalse();
    assertThat(matchers.holds(m("service", MatchOp.REGEX, "(a+)+b"), labels)).as("a cheap match of the same label").isTrue();
    String long256 = "x".repeat(255) + "y";
    assertThat(matchers.holds(m("service", MatchOp.REGEX, ".*y"), Map.of("service", long256))).isTrue();
  }

  /**
   * Java matches a repeated group with alternatives by recursion, a few frames per character and
   * per level of nesting: 20 nested groups around {@code a|bc} against a 256-character label
   * overflow a thread's default 1 MB stack (run here on 256 KB). Such a match holds neither way,
   * like one past its step budget, and the thread lives on.
   */
  @Test
  void aMatchTooDeepForTheStackHoldsNeitherWay() throws Exception {
    String nested = "(".repeat(20) + "a|bc" + ")".repeat(20) + "*";
    Map<String, String> labels = Map.of("service", "a".repeat(256));
    Object[] results = new Object[3];
    Thread thread = new Thread(null, () -> {
      try {
        results[0] = matchers.holds(m("service", MatchOp.REGEX, nested), labels);
        results[1] = matchers.holds(m("service", MatchOp.NOT_REGEX, nested), labels);
        results[2] = matchers.holds(m("service", MatchOp.REGEX, nested), Map.of("service", "abca"));
      } catch (Throwable t) {
        results[0] = t;
      }
    }, "small-stack", 256 * 1024);
    thread.start();
    thread.join();

    assertThat(results).containsExactly(false, false, true);
  }

  @Test
  void everyOperatorAgainstPresentAndMissingLabels() {
    Map<String, String> labels = Map.of("env", "prod", "service", "payments");

    assertThat(matchers.holds(m("env", MatchOp.EQ, "prod"), labels)).isTrue();
    assertThat(matchers.holds(m("env", MatchOp.NEQ, "prod"), labels)).isFalse();
    assertThat(matchers.holds(m("service", MatchOp.REGEX, "pay.*"), labels)).isTrue();
    assertThat(matchers.holds(m("service", MatchOp.REGEX, "pay"), labels)).as("anchored at both ends").isFalse();
    assertThat(matchers.holds(m("service", MatchOp.NOT_REGEX, "pay.*"), labels)).isFalse();
    assertThat(matchers.holds(m("region", MatchOp.EQ, ""), labels)).as("a missing label is the empty string").isTrue();
    assertThat(matchers.holds(m("region", MatchOp.NEQ, "eu"), labels)).isTrue();
  }

  @Test
  void aPatternThatDoesNotCompileNeverHolds() {
    assertThat(matchers.holds(m("service", MatchOp.REGEX, "pay("), Map.of("service", "pay("))).isFalse();
    assertThat(matchers.holds(m("service", MatchOp.NOT_REGEX, "pay("), Map.of("service", "x"))).isFalse();
  }

  @Test
  void allNeedsEveryMatcherAndAnEmptyListHolds() {
    Map<String, String> labels = Map.of("env", "prod", "team", "db");

    assertThat(matchers.all(List.of(m("env", MatchOp.EQ, "prod"), m("team", MatchOp.EQ, "db")), labels)).isTrue();
    assertThat(matchers.all(List.of(m("env", MatchOp.EQ, "prod"), m("team", MatchOp.EQ, "web")), labels)).isFalse();
    assertThat(matchers.all(List.of(), labels)).isTrue();
  }

  @Test
  void formatIsWhatTheParserReads() {
    List<LabelMatcher> list = List.of(m("env", MatchOp.EQ, "prod"), m("msg", MatchOp.NEQ, "say \"hi\" \\ now"),
        m("service", MatchOp.REGEX, "pay.*"), m("job", MatchOp.NOT_REGEX, "test-.*"));

    assertThat(LabelMatchers.format(list)).isEqualTo(
        "{env=\"prod\", msg!=\"say \\\"hi\\\" \\\\ now\", service=~\"pay.*\", job!~\"test-.*\"}");
    for (LabelMatcher matcher : list) {
      assertThat(LabelMatcherParser.parse(LabelMatchers.format(matcher))).isEqualTo(new LabelMatcherParser.Valid(matcher));
    }
  }
}
