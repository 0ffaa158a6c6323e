package io.klaxon.notifier.render;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.text.MessagePattern;
import com.ibm.icu.util.ULocale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
  private static final Pattern AT_INDEX = Pattern.compile("\\[at pattern index (\\d+)]");

  public TemplateProblem {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(problem, "problem");
  }

  /** The problem of override {@code key}, whose {@code template} failed with {@code failure}. */
  public static TemplateProblem of(String key, String template, RuntimeException failure) {
    try {
      new MessagePattern(template);
    } catch (IllegalArgumentException | IndexOutOfBoundsException syntax) {
      String message = syntax.getMessage() == null ? "" : syntax.getMessage();
      Matcher at = AT_INDEX.matcher(message);
      int position = at.find() ? Integer.parseInt(at.group(1)) : unmatchedBrace(template);
      return new TemplateProblem(key, position, withoutQuote(message, syntax));
    }
    try {
      new MessageFormat(template, ULocale.ROOT);
    } catch (IllegalArgumentException format) {
      return new TemplateProblem(key, -1, withoutQuote(format.getMessage(), format));
    }
    return new TemplateProblem(key, -1, "fails to format (" + failure.getClass().getSimpleName() + ")");
  }

  /** ICU's reason, without the part that quotes the template. */
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
  private static int unmatchedBrace(String template) {
    java.util.ArrayDeque<Integer> open = new java.util.ArrayDeque<>();
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == '{') {
        open.push(i);
      } else if (c == '}' && !open.isEmpty()) {
        open.pop();
      }
    }
    return open.isEmpty() ? -1 : open.peekLast();
  }

  /** {@code templateOverrides.<key>: <problem> at position N; the default text is used}. */
  public String describe() {
    return "templateOverrides." + key + ": " + problem + (position >= 0 ? " at position " + position : "")
        + "; the default text is used";
  }
}
