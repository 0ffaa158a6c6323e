package io.klaxon.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.LabelMatcher;
import io.klaxon.events.MatchOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LabelMatcherParserTest {

  private static LabelMatcher valid(String text) {
    LabelMatcherParser.Parsed parsed = LabelMatcherParser.parse(text);
    assertThat(parsed).isInstanceOf(LabelMatcherParser.Valid.class);
    return ((LabelMatcherParser.Valid) parsed).matcher();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "env=\"prod\"|env|EQ|prod",
      "env!=\"prod\"|env|NEQ|prod",
      "service=~\"pay.*\"|service|REGEX|pay.*",
      "service!~\"test-.*\"|service|NOT_REGEX|test-.*",
      "  region = eu-west-1 |region|EQ|eu-west-1",
      "_x=\"\"|_x|EQ|''"})
  void parsesEveryOperator(String text, String name, MatchOp op, String value) {
    LabelMatcher matcher = valid(text);

    assertThat(matcher.getName()).isEqualTo(name);
    assertThat(matcher.getOp()).isEqualTo(op);
    assertThat(matcher.getValue()).isEqualTo(value.equals("''") ? "" : value);
  }

  @Test
  void quotedValuesUnescapeQuotesAndBackslashes() {
    assertThat(valid("msg=\"say \\\"hi\\\" \\\\ now\"").getValue()).isEqualTo("say \"hi\" \\ now");
  }

  @ParameterizedTest
  @ValueSource(strings = {"oops", "1env=\"x\"", "env==\"x\"", "env=\"unterminated", "env=two words", "=\"x\""})
  void rejectsMalformedMatchers(String text) {
    assertThat(LabelMatcherParser.parse(text)).isInstanceOfSatisfying(LabelMatcherParser.Invalid.class,
        invalid -> assertThat(invalid.reason()).startsWith("not a matcher"));
  }

  /**
   * A long quoted value, read with a small stack: reading the value must not recurse once per
   * character (a 4 KB tenant file from the fuzzer overflowed a 921 KB stack that way).
   */
  @Test
  void aLongQuotedValueIsReadWithoutRecursingPerCharacter() throws Exception {
    String quoted = "ab\\\\\\\"c".repeat(200); // ab\\\"c: an escaped backslash, an escaped quote

    assertThat(parseOnStack("service=\"" + quoted + "\"", 128 * 1024)).isInstanceOfSatisfying(LabelMatcherParser.Valid.class,
        v -> assertThat(v.matcher().getValue()).isEqualTo("ab\\\"c".repeat(200)));
  }

  @Test
  void aValueLongerThanTheLimitIsRefusedSayingSo() {
    String text = "service=\"" + "x".repeat(LabelMatcherParser.MAX_VALUE + 1) + "\"";

    assertThat(LabelMatcherParser.parse(text)).isInstanceOfSatisfying(LabelMatcherParser.Invalid.class,
        invalid -> assertThat(invalid.reason()).isEqualTo("the value has 1025 characters, at most 1024"));
    assertThat(LabelMatcherParser.parse("service=\"" + "x".repeat(LabelMatcherParser.MAX_VALUE) + "\""))
        .isInstanceOf(LabelMatcherParser.Valid.class);
  }

  @Test
  void aRegexNestedTooDeeplyToCompileIsRefusedNotThrown() throws Exception {
    String nested = "(".repeat(500) + "a" + ")".repeat(500);

    assertThat(parseOnStack("service=~\"" + nested + "\"", 64 * 1024)).isInstanceOfSatisfying(LabelMatcherParser.Invalid.class,
        invalid -> assertThat(invalid.reason()).startsWith("regular expression does not compile: Stack overflow"));
  }

  /** Parses on a thread with a stack of {@code stackBytes}; whatever the parser throws fails the test. */
  private static LabelMatcherParser.Parsed parseOnStack(String text, long stackBytes) throws InterruptedException {
    Object[] result = new Object[1];
    Thread thread = new Thread(null, () -> {
      try {
        result[0] = LabelMatcherParser.parse(text);
      } catch (Throwable t) {
        result[0] = t;
      }
    }, "small-stack", stackBytes);
    thread.start();
    thread.join();
    assertThat(result[0]).isInstanceOf(LabelMatcherParser.Parsed.class);
    return (LabelMatcherParser.Parsed) result[0];
  }

  @Test
  void rejectsRegexThatDoesNotCompile() {
    assertThat(LabelMatcherParser.parse("service=~\"pay(\"")).isInstanceOfSatisfying(LabelMatcherParser.Invalid.class,
        invalid -> assertThat(invalid.reason()).startsWith("regular expression does not compile: Unclosed group"));
  }
}
