package io.klaxon.notifier.render;

import io.klaxon.i18n.PatternSyntax;
import java.util.Objects;

/**
 * A tenant template override that could not be used, so the default text was shown instead: the
 * override's key (as written in the tenant file, {@code alert.title} or {@code alert.title/fr}),
 * the character position in the template where it stops parsing (-1 when it parses but fails to
 * format, an argument of the wrong type for instance), and what is wrong. {@link #describe()}
 * never quotes the template or the alert's values, so it can go into receipts and logs.
 *
 * @param key the override's key
 * @param position the 0-based character index in the template where parsing failed, or -1
 * @param problem what is wrong, without the template's text
 */
public record TemplateProblem(String key, int position, String problem) {
  public TemplateProblem {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(problem, "problem");
  }

  /** The problem of override {@code key}, whose {@code template} failed with {@code failure}. */
  public static TemplateProblem of(String key, String template, RuntimeException failure) {
    return PatternSyntax.check(template).map(e -> new TemplateProblem(key, e.position(), e.problem()))
        .orElseGet(() -> new TemplateProblem(key, -1, "fails to format (" + failure.getClass().getSimpleName() + ")"));
  }

  /** {@code templateOverrides.<key>: <problem> at position N; the default text is used}. */
  public String describe() {
    return "templateOverrides." + key + ": " + problem + (position >= 0 ? " at position " + position : "")
        + "; the default text is used";
  }
}
