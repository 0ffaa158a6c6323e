package io.klaxon.contract;

import io.klaxon.events.LabelMatcher;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Evaluates Alertmanager-style label matchers against an alert's labels: the one definition of
 * what {@code =}, {@code !=}, {@code =~} and {@code !~} mean for routing rules, silences and
 * maintenance windows. A missing label has the value {@code ""}; regular expressions are anchored
 * at both ends; a pattern that does not compile never holds, negated or not, so that {@code !~}
 * cannot turn into "match everything". Compiled patterns are cached (bounded). A tenant's regex
 * runs on the stream thread that every tenant of the partition shares, so a match may read the
 * label's characters at most {@link #MAX_STEPS} times: {@code (.*a){12}} against 40 {@code a}s and
 * a {@code b} would otherwise backtrack for minutes. Java also matches a repeated group with
 * alternatives by recursion, so {@code ((((a|bc))))*} against a long label can overflow the thread's
 * stack; that match is given up too. A match that runs out holds no more than a pattern that does
 * not compile. Thread-safe.
 */
public final class LabelMatchers {
  /** Characters a regex match may read: a linear match of a 256-character label reads a few hundred. */
  public static final int MAX_STEPS = 100_000;
  private static final int MAX_CACHED_PATTERNS = 4096;
  private final Map<String, Optional<Pattern>> patterns = new ConcurrentHashMap<>();

  /** Whether every matcher holds for {@code labels}; an empty list holds for every alert. */
  public boolean all(List<LabelMatcher> matchers, Map<String, String> labels) {
    for (LabelMatcher matcher : matchers) {
      if (!holds(matcher, labels)) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code matcher} holds for {@code labels}. */
  public boolean holds(LabelMatcher matcher, Map<String, String> labels) {
    String value = labels.getOrDefault(matcher.getName(), "");
    return switch (matcher.getOp()) {
      case EQ -> value.equals(matcher.getValue());
      case NEQ -> !value.equals(matcher.getValue());
      case REGEX -> pattern(matcher.getValue()).map(p -> matches(p, value) == Match.YES).orElse(false);
      case NOT_REGEX -> pattern(matcher.getValue()).map(p -> matches(p, value) == Match.NO).orElse(false);
    };
  }

  private enum Match { YES, NO, TOO_COSTLY }

  private static Match matches(Pattern pattern, String value) {
    try {
      return pattern.matcher(new Metered(value)).matches() ? Match.YES : Match.NO;
    } catch (Metered.OutOfSteps e) {
      return Match.TOO_COSTLY;
    } catch (StackOverflowError e) {
      return Match.TOO_COSTLY; // the matcher's recursion unwound; the thread and its state are intact
    }
  }

  /** The label's characters, each read counted; past {@link #MAX_STEPS} reading throws. Not thread-safe. */
  private static final class Metered implements CharSequence {
    private static final class OutOfSteps extends RuntimeException {
      private static final long serialVersionUID = 1L;

      OutOfSteps() {
        super("regex match past " + MAX_STEPS + " steps", null, false, false);
      }
    }

    private final String text;
    private int steps;

    Metered(String text) {
      this.text = text;
    }

    @Override
    public char charAt(int index) {
      if (++steps > MAX_STEPS) {
        throw new OutOfSteps();
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return text.subSequence(start, end);
    }

    @Override
    public String toString() {
      return text;
    }
  }

  private Optional<Pattern> pattern(String regex) {
    Optional<Pattern> cached = patterns.get(regex);
    if (cached != null) {
      return cached;
    }
    if (patterns.size() >= MAX_CACHED_PATTERNS) {
      patterns.clear();
    }
    Optional<Pattern> compiled;
    try {
      compiled = Optional.of(Pattern.compile(regex));
    } catch (PatternSyntaxException e) {
      compiled = Optional.empty();
    }
    patterns.put(regex, compiled);
    return compiled;
  }

  /** The matcher in Alertmanager syntax, its value double-quoted: {@code env="prod"}, {@code svc=~"pay.*"}. */
  public static String format(LabelMatcher matcher) {
    String op = switch (matcher.getOp()) {
      case EQ -> "=";
      case NEQ -> "!=";
      case REGEX -> "=~";
      case NOT_REGEX -> "!~";
    };
    StringBuilder out = new StringBuilder(matcher.getName()).append(op).append('"');
    for (char c : matcher.getValue().toCharArray()) {
      switch (c) {
        case '"', '\\' -> out.append('\\').append(c);
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }

  /** The matchers in Alertmanager's braces form: {@code {env="prod", svc=~"pay.*"}}. */
  public static String format(List<LabelMatcher> matchers) {
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < matchers.size(); i++) {
      out.append(i == 0 ? "" : ", ").append(format(matchers.get(i)));
    }
    return out.append('}').toString();
  }
}
