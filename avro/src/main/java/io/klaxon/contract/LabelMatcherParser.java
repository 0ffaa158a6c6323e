package io.klaxon.contract;

import io.klaxon.events.LabelMatcher;
import io.klaxon.events.MatchOp;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parses Alertmanager-style matcher strings: {@code name="value"}, {@code name!="value"}, {@code
 * name=~"regex"}, {@code name!~"regex"}. The value may be double-quoted (with {@code \"} and {@code
 * \\} escapes) or bare (no spaces or quotes), and has at most {@link #MAX_VALUE} characters.
 * Regular expressions are Java syntax, anchored at both ends, and must compile. The text is read
 * by a scanner, one character after another, not by a regular expression: Java matches a repeated
 * group by recursion, so a long quoted value would overflow the stack of whichever thread reads it
 * (a tenant-file check, an HTTP request). Stateless; returns errors as data.
 */
public final class LabelMatcherParser {
  /** The longest value a matcher may have, in characters. */
  public static final int MAX_VALUE = 1024;
  private static final String NOT_A_MATCHER =
      "not a matcher: expected name=\"value\", name!=\"value\", name=~\"regex\" or name!~\"regex\"";

  private LabelMatcherParser() {}

  /** The result of parsing one matcher string. */
  public sealed interface Parsed {}

  /** A well-formed matcher. */
  public record Valid(LabelMatcher matcher) implements Parsed {}

  /** Why the string is not a matcher. */
  public record Invalid(String reason) implements Parsed {}

  public static Parsed parse(String text) {
    int i = skipSpace(text, 0);
    int nameStart = i;
    if (i < text.length() && isNameStart(text.charAt(i))) {
      i++;
      while (i < text.length() && isNamePart(text.charAt(i))) {
        i++;
      }
    }
    if (i == nameStart) {
      return new Invalid(NOT_A_MATCHER);
    }
    String name = text.substring(nameStart, i);
    i = skipSpace(text, i);
    MatchOp op;
    if (text.startsWith("=~", i)) {
      op = MatchOp.REGEX;
    } else if (text.startsWith("!~", i)) {
      op = MatchOp.NOT_REGEX;
    } else if (text.startsWith("!=", i)) {
      op = MatchOp.NEQ;
    } else if (text.startsWith("=", i)) {
      op = MatchOp.EQ;
    } else {
      return new Invalid(NOT_A_MATCHER);
    }
    i = skipSpace(text, i + (op == MatchOp.EQ ? 1 : 2));
    StringBuilder value = new StringBuilder();
    if (i < text.length() && text.charAt(i) == '"') {
      i++;
      while (i < text.length() && text.charAt(i) != '"') {
        char c = text.charAt(i++);
        if (c == '\\') {
          if (i == text.length()) {
            return new Invalid(NOT_A_MATCHER);
          }
          char next = text.charAt(i++);
          value.append(next == 'n' ? '\n' : next);
        } else {
          value.append(c);
        }
      }
      if (i == text.length()) {
        return new Invalid(NOT_A_MATCHER);
      }
      i++;
    } else {
      while (i < text.length() && text.charAt(i) != '"' && !isSpace(text.charAt(i))) {
        value.append(text.charAt(i++));
      }
    }
    if (skipSpace(text, i) != text.length()) {
      return new Invalid(NOT_A_MATCHER);
    }
    if (value.length() > MAX_VALUE) {
      return new Invalid("the value has " + value.length() + " characters, at most " + MAX_VALUE);
    }
    if (op == MatchOp.REGEX || op == MatchOp.NOT_REGEX) {
      String problem = regexProblem(value.toString());
      if (problem != null) {
        return new Invalid(problem);
      }
    }
    return new Valid(LabelMatcher.newBuilder().setName(name).setOp(op).setValue(value.toString()).build());
  }

  /**
   * Why {@code regex} cannot be a matcher's pattern, or null if it compiles. (A pattern nested too
   * deeply for the stack is refused by the JDK as "Stack overflow during pattern compilation".)
   */
  public static String regexProblem(String regex) {
    try {
      Pattern.compile(regex);
      return null;
    } catch (PatternSyntaxException e) {
      return "regular expression does not compile: " + e.getDescription() + " near index " + e.getIndex();
    }
  }

  private static boolean isNameStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isNamePart(char c) {
    return isNameStart(c) || (c >= '0' && c <= '9');
  }

  /** The characters of {@code \s} in a Java regular expression. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  private static int skipSpace(String text, int from) {
    int i = from;
    while (i < text.length() && isSpace(text.charAt(i))) {
      i++;
    }
    return i;
  }
}
