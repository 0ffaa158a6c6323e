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

  @Test
  void rejectsRegexThatDoesNotCompile() {
    assertThat(LabelMatcherParser.parse("service=~\"pay(\"")).isInstanceOfSatisfying(LabelMatcherParser.Invalid.class,
        invalid -> assertThat(invalid.reason()).startsWith("regular expression does not compile: Unclosed group"));
  }
}
