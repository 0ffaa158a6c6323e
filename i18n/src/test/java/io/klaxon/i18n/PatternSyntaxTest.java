package io.klaxon.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.ULocale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PatternSyntaxTest {
  @Test
  void aValidPatternHasNoProblem() {
    assertThat(PatternSyntax.check("{count, plural, one {# duplicate} other {# duplicates}} in {title}")).isEmpty();
    assertThat(PatternSyntax.check("{status, select, RESOLVED {Resolved} other {Firing}}: {title}")).isEmpty();
  }

  @Test
  void anUnclosedBraceIsNamedWithItsPositionAndWithoutThePattern() {
    PatternSyntax.Problem problem = PatternSyntax.check("ALERTE {title").orElseThrow();

    assertThat(problem.position()).isEqualTo(7);
    assertThat(problem.toString()).contains("at position 7").doesNotContain("ALERTE");
  }

  @Test
  void aPluralOrSelectWithoutOtherIsAProblemEvenWhereIcuParsesIt() {
    // ICU takes a selector that begins "other" ("ot", "oth") for 'other' when it parses, but not when
    // it formats: a count that matches no case then recurses until the stack overflows (below).
    String pattern = "Noted: {count, plural, one {# item} oth {# items}}";

    assertThat(PatternSyntax.check(pattern)).hasValueSatisfying(p -> {
      assertThat(p.position()).isEqualTo(7);
      assertThat(p.problem()).isEqualTo("{count, plural} has no 'other' case");
    });
    assertThat(PatternSyntax.check("{severity, select, CRITICAL {!} o {.}}")).hasValueSatisfying(
        p -> assertThat(p.problem()).isEqualTo("{severity, select} has no 'other' case"));
    assertThat(PatternSyntax.check("{status, select, RESOLVED {{count, plural, one {#} ot {##}}} other {x}}"))
        .hasValueSatisfying(p -> assertThat(p.problem()).isEqualTo("{count, plural} has no 'other' case"));
  }

  @Test
  void aPluralWithoutOtherThatIcuRefusesKeepsIcusReason() {
    assertThat(PatternSyntax.check("{count, plural, one {# item} few {# items}}")).hasValueSatisfying(p -> {
      assertThat(p.position()).isEqualTo(-1);
      assertThat(p.problem()).isEqualTo("Missing 'other' keyword");
    });
  }

  @Test
  void icuItselfOverflowsTheStackOnSuchAPattern() throws InterruptedException {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread = new Thread(null, () -> {
      try {
        new MessageFormat("{count, plural, one {# item} oth {# items}}", ULocale.ENGLISH).format(Map.of("count", 3));
      } catch (Throwable t) {
        failure.set(t);
      }
    }, "icu", 512 * 1024);
    thread.start();
    thread.join();

    assertThat(failure.get()).as("if ICU stops recursing, the check may be relaxed").isInstanceOf(StackOverflowError.class);
  }
}
