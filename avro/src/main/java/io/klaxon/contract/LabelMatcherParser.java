package io.klaxon.contract;

import io.klaxon.events.LabelMatcher;
import io.klaxon.events.MatchOp;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parses Alertmanager-style matcher strings: {@code name="value"}, {@code name!="value"}, {@code
 * name=~"regex"}, {@code name!~"regex"}. The value may be double-quoted (with {@code \"} and {@code
 * \\} escapes) or bare (no spaces or quotes). Regular expressions are Java syntax, anchored at both
 * ends, and must compile. Stateless; returns errors as data.
 */
public final class LabelMatcherParser {
  private static final Pattern SYNTAX = Pattern.compile(
      "\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^\"\\s]*))\\s*");

  private LabelMatcherParser() {}

  /** The result of parsing one matcher string. */
  public sealed interface Parsed {}

  /** A well-formed matcher. */
  public record Valid(LabelMatcher matcher) implements Parsed {}

  /** Why the string is not a matcher. */
  public record Invalid(String reason) implements Parsed {}

  public static Parsed parse(String text) {
    Matcher m = SYNTAX.matcher(text);
    if (!m.matches()) {
      return new Invalid("not a matcher: expected name=\"value\", name!=\"value\", name=~\"regex\" or name!~\"regex\"");
    }
    MatchOp op = switch (m.group(2)) {
      case "=" -> MatchOp.EQ;
      case "!=" -> MatchOp.NEQ;
      case "=~" -> MatchOp.REGEX;
      default -> MatchOp.NOT_REGEX;
    };
    String value = m.group(3) != null ? unescape(m.group(3)) : m.group(4);
    if (op == MatchOp.REGEX || op == MatchOp.NOT_REGEX) {
      try {
        Pattern.compile(value);
      } catch (PatternSyntaxException e) {
        return new Invalid("regular expression does not compile: " + e.getDescription() + " near index " + e.getIndex());
      }
    }
    return new Valid(LabelMatcher.newBuilder().setName(m.group(1)).setOp(op).setValue(value).build());
  }

  private static String unescape(String quoted) {
    StringBuilder out = new StringBuilder(quoted.length());
    for (int i = 0; i < quoted.length(); i++) {
      char c = quoted.charAt(i);
      if (c == '\\' && i + 1 < quoted.length()) {
        char next = quoted.charAt(++i);
        out.append(next == 'n' ? '\n' : next);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
