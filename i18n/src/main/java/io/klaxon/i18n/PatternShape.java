package io.klaxon.i18n;

import com.ibm.icu.text.MessagePattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a translation must keep from its English pattern: every argument by name with the kind of
 * its placeholder ({@code {title}}, {@code {at, date, …}}, select, plural), and the keys of every
 * select. A renamed argument ({@code {titel}}) would print nothing useful, and a dropped select key
 * ({@code RESOLVED}) would show a resolved alert as firing. Plural keywords are not compared: each
 * language has its own CLDR categories.
 *
 * <p>The one definition of a pattern's shape: the notifier's completeness test holds Klaxon's
 * bundles to it and {@link BundleCheck} holds tenants' bundles to it. Immutable.
 *
 * @param arguments argument name → the kinds of its placeholders
 * @param selectKeys select argument name → its keys
 */
public record PatternShape(Map<String, Set<MessagePattern.ArgType>> arguments, Map<String, Set<String>> selectKeys) {

  /**
   * The shape of an ICU MessageFormat pattern.
   *
   * @throws IllegalArgumentException when {@code pattern} is not a MessageFormat pattern
   */
  public static PatternShape of(String pattern) {
    MessagePattern parsed = new MessagePattern(pattern);
    Map<String, Set<MessagePattern.ArgType>> arguments = new TreeMap<>();
    Map<String, Set<String>> selectKeys = new TreeMap<>();
    for (int i = 0; i < parsed.countParts(); i++) {
      MessagePattern.Part part = parsed.getPart(i);
      if (part.getType() != MessagePattern.Part.Type.ARG_START) {
        continue;
      }
      String name = parsed.getSubstring(parsed.getPart(i + 1));
      arguments.computeIfAbsent(name, n -> new TreeSet<>()).add(part.getArgType());
      if (part.getArgType() == MessagePattern.ArgType.SELECT) {
        Set<String> keys = selectKeys.computeIfAbsent(name, n -> new TreeSet<>());
        int limit = parsed.getLimitPartIndex(i);
        for (int j = i + 2; j < limit; j++) {
          MessagePattern.Part inner = parsed.getPart(j);
          if (inner.getType() == MessagePattern.Part.Type.ARG_SELECTOR) {
            keys.add(parsed.getSubstring(inner));
          } else if (inner.getType() == MessagePattern.Part.Type.MSG_START) {
            // Nested arguments are visited by the outer loop; skip to this branch's end.
            j = parsed.getLimitPartIndex(j);
          }
        }
      }
    }
    return new PatternShape(arguments, selectKeys);
  }

  /**
   * The plural keywords of every plural argument of {@code pattern}, argument name → keywords
   * ({@code one}, {@code few}, ...; explicit values such as {@code =0} are not keywords and are
   * left out). Arguments of the same name in several branches share one set.
   *
   * @throws IllegalArgumentException when {@code pattern} is not a MessageFormat pattern
   */
  public static Map<String, Set<String>> pluralKeywords(String pattern) {
    MessagePattern parsed = new MessagePattern(pattern);
    Map<String, Set<String>> keywords = new TreeMap<>();
    for (int i = 0; i < parsed.countParts(); i++) {
      MessagePattern.Part part = parsed.getPart(i);
      if (part.getType() != MessagePattern.Part.Type.ARG_START || part.getArgType() != MessagePattern.ArgType.PLURAL) {
        continue;
      }
      Set<String> selectors = keywords.computeIfAbsent(parsed.getSubstring(parsed.getPart(i + 1)), n -> new TreeSet<>());
      int limit = parsed.getLimitPartIndex(i);
      for (int j = i + 2; j < limit; j++) {
        MessagePattern.Part inner = parsed.getPart(j);
        if (inner.getType() == MessagePattern.Part.Type.ARG_SELECTOR && !parsed.getSubstring(inner).startsWith("=")) {
          selectors.add(parsed.getSubstring(inner));
        } else if (inner.getType() == MessagePattern.Part.Type.MSG_START) {
          j = parsed.getLimitPartIndex(j);
        }
      }
    }
    return keywords;
  }

  /**
   * The pattern's own text: what it writes outside argument names and styles, including the text
   * of every select and plural branch, in order, each stretch followed by a line break.
   *
   * @throws IllegalArgumentException when {@code pattern} is not a MessageFormat pattern
   */
  public static String literalText(String pattern) {
    MessagePattern parsed = new MessagePattern(pattern);
    StringBuilder text = new StringBuilder();
    boolean inText = false;
    int previous = 0;
    for (int i = 0; i < parsed.countParts(); i++) {
      MessagePattern.Part part = parsed.getPart(i);
      if (inText && part.getIndex() > previous) {
        text.append(pattern, previous, part.getIndex()).append('\n');
      }
      previous = part.getLimit();
      switch (part.getType()) {
        case MSG_START, ARG_LIMIT -> inText = true;
        case MSG_LIMIT, ARG_START -> inText = false;
        default -> { }
      }
    }
    return text.toString();
  }

  /**
   * How {@code bundle} departs from {@code english}, one readable line per key whose translation
   * has other argument names, other placeholder kinds or other select keys; empty when every
   * shared key keeps its English shape. Keys missing on either side are the completeness check's
   * business and are skipped here.
   */
  public static List<String> mismatches(Map<String, String> english, Map<String, String> bundle) {
    List<String> problems = new ArrayList<>();
    new TreeMap<>(bundle).forEach((key, pattern) -> {
      String reference = english.get(key);
      if (reference == null) {
        return;
      }
      PatternShape expected = of(reference);
      PatternShape actual = of(pattern);
      if (!actual.equals(expected)) {
        problems.add(key + ": expected " + expected + " but was " + actual);
      }
    });
    return problems;
  }
}
