package io.klaxon.i18n;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.text.MessagePattern;
import com.ibm.icu.util.ULocale;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a text is not an ICU MessageFormat pattern, said without quoting it (a tenant's template may
 * hold what should not reach logs and receipts): ICU's reason and, where parsing stops, the
 * 0-based character position. Used wherever Klaxon checks a pattern: its own bundles, tenants'
 * bundles and template overrides, and the renderer when an override fails at delivery. Stateless.
 */
public final class PatternSyntax {
  private static final Pattern AT_INDEX = Pattern.compile("\\[at pattern index (\\d+)]");

  /**
   * One syntax error.
   *
   * @param position the 0-based character index where parsing failed, or -1 when the pattern
   *     parses but MessageFormat refuses it (a plural without {@code other}, say)
   * @param problem ICU's reason, without the pattern's text
   */
  public record Problem(int position, String problem) {
    /** {@code <problem>} and, when known, {@code at position N}. */
    @Override
    public String toString() {
      return problem + (position >= 0 ? " at position " + position : "");
    }
  }

  private PatternSyntax() {}

  /** The error of {@code pattern}, or empty when it is a MessageFormat pattern. */
  public static Optional<Problem> check(String pattern) {
    MessagePattern parsed;
    try {
      parsed = new MessagePattern(pattern);
    } catch (IllegalArgumentException | IndexOutOfBoundsException syntax) {
      String message = syntax.getMessage() == null ? "" : syntax.getMessage();
      Matcher at = AT_INDEX.matcher(message);
      int position = at.find() ? Integer.parseInt(at.group(1)) : unmatchedBrace(pattern);
      return Optional.of(new Problem(position, withoutQuote(message, syntax)));
    }
    try {
      new MessageFormat(pattern, ULocale.ROOT);
    } catch (IllegalArgumentException format) {
      return Optional.of(new Problem(-1, withoutQuote(format.getMessage(), format)));
    }
    return withoutOther(parsed);
  }

  /**
   * A plural, selectordinal or select without an {@code other} case. ICU needs one, and refuses
   * most such patterns, but its parser takes any selector that begins {@code other} for it:
   * {@code {count, plural, one {a} ot {b}}} parses, and formatting it with a count that matches no
   * case recurses until the stack overflows.
   */
  private static Optional<Problem> withoutOther(MessagePattern pattern) {
    for (int i = 0; i < pattern.countParts(); i++) {
      MessagePattern.Part start = pattern.getPart(i);
      MessagePattern.ArgType type = start.getArgType();
      if (start.getType() != MessagePattern.Part.Type.ARG_START
          || !(type.hasPluralStyle() || type == MessagePattern.ArgType.SELECT)) {
        continue;
      }
      boolean other = false;
      int limit = pattern.getLimitPartIndex(i);
      for (int j = i + 1; j < limit; j++) {
        MessagePattern.Part part = pattern.getPart(j);
        if (part.getType() == MessagePattern.Part.Type.ARG_SELECTOR && pattern.partSubstringMatches(part, "other")) {
          other = true;
        } else if (part.getType() == MessagePattern.Part.Type.MSG_START) {
          j = pattern.getLimitPartIndex(j);
        }
      }
      if (!other) {
        return Optional.of(new Problem(start.getIndex(), "{" + pattern.getSubstring(pattern.getPart(i + 1)) + ", "
            + type.name().toLowerCase(java.util.Locale.ROOT) + "} has no 'other' case"));
      }
    }
    return Optional.empty();
  }

  /** ICU's reason, without the part that quotes the pattern. */
  private static String withoutQuote(String message, RuntimeException e) {
    String text = message == null ? "" : message;
    int cut = text.length();
    for (String end : new String[] {"\"", ": [at", "[at"}) {
      int i = text.indexOf(end);
      if (i >= 0 && i < cut) {
        cut = i;
      }
    }
    text = text.substring(0, cut).replaceAll("[\\s:]+$", "").replaceAll("\\s+in( message| plural pattern in)?$", "").strip();
    return text.isEmpty() ? e.getClass().getSimpleName() : text;
  }

  /** The position of the first '{' that is never closed, or -1 (apostrophe quoting aside). */
  private static int unmatchedBrace(String pattern) {
    ArrayDeque<Integer> open = new ArrayDeque<>();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '{') {
        open.push(i);
      } else if (c == '}' && !open.isEmpty()) {
        open.pop();
      }
    }
    return open.isEmpty() ? -1 : open.peekLast();
  }
}
