package io.klaxon.i18n;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterDirection;
import com.ibm.icu.text.MessagePattern;
import com.ibm.icu.text.PluralRules;
import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The rules a message bundle follows, Klaxon's own and a tenant's alike, checked key by key
 * against English (see {@link BuiltInBundles#english()}):
 *
 * <ul>
 *   <li>every key is one of English's ({@link Code#UNKNOWN_KEY});
 *   <li>every pattern is ICU MessageFormat in the bundle's locale ({@link Code#SYNTAX});
 *   <li>every plural argument lists exactly the CLDR plural categories of the locale, no fewer
 *       and no more ({@link Code#PLURAL_CATEGORIES}; explicit values such as {@code =0} are free);
 *   <li>every pattern keeps English's arguments, their kinds and its select keys ({@link
 *       Code#SHAPE}, see {@link PatternShape});
 *   <li>no pattern holds a bidi embedding or override, or an isolate it does not close ({@link
 *       Code#DIRECTION_CONTROL}): they would spill over the untrusted values placed after them;
 *   <li>a pattern's own words start in the locale's direction ({@link Code#MIXED_DIRECTION}, a
 *       warning: an Arabic message that starts with English words lays its line out wrongly);
 *   <li>every text fits where it is shown, rendered with sample values in every select key and
 *       plural category ({@link SampleRendering}: {@link Code#OVERFLOW}, {@link
 *       Code#RENDER_FAILED}, and {@link Code#LONG_HEADLINE} as a warning);
 *   <li>a bundle of a language Klaxon has no bundle for has every key ({@link Code#MISSING_KEY},
 *       a warning: the missing ones are shown in English);
 *   <li>a bundle holds at most {@link TenantBundleLimits#MAX_BUNDLE_CHARS} ({@link Code#SIZE}).
 * </ul>
 *
 * Stateless and thread-safe.
 */
public final class BundleCheck {
  /** What a finding is about; {@link #isError()} says whether it makes the bundle unusable. */
  public enum Code {
    UNKNOWN_KEY(true),
    SYNTAX(true),
    PLURAL_CATEGORIES(true),
    SHAPE(true),
    DIRECTION_CONTROL(true),
    SIZE(true),
    /** Found by {@link SampleRendering}: a rendered text longer than where it is shown takes. */
    OVERFLOW(true),
    /** Found by {@link SampleRendering}: a pattern that parses but cannot format. */
    RENDER_FAILED(true),
    MIXED_DIRECTION(false),
    MISSING_KEY(false),
    /** Found by {@link SampleRendering}: a headline longer than a Slack header. */
    LONG_HEADLINE(false);

    private final boolean error;

    Code(boolean error) {
      this.error = error;
    }

    public boolean isError() {
      return error;
    }
  }

  /**
   * One finding.
   *
   * @param key the message key it is about; empty for the bundle as a whole
   * @param code what kind of finding it is
   * @param message a readable explanation naming what is wrong (the argument, the plural category)
   */
  public record Finding(String key, Code code, String message) {
    public boolean isError() {
      return code.isError();
    }
  }

  private BundleCheck() {}

  /**
   * Checks {@code bundle} as the bundle of {@code locale}.
   *
   * @param complete whether the bundle must have every key: true for a language without a
   *     built-in bundle (missing keys are shown in English), false for changes to a built-in one
   * @return the findings in key order, the bundle-wide ones first; empty when the bundle is clean
   */
  public static List<Finding> check(ULocale locale, Map<String, String> bundle, Map<String, String> english, boolean complete) {
    List<Finding> findings = new ArrayList<>();
    int size = TenantBundleLimits.size(bundle);
    if (size > TenantBundleLimits.MAX_BUNDLE_CHARS) {
      findings.add(new Finding("", Code.SIZE, "the bundle holds " + size + " characters; at most "
          + TenantBundleLimits.MAX_BUNDLE_CHARS + " are allowed"));
    }
    if (complete) {
      for (String key : new TreeSet<>(english.keySet())) {
        if (!bundle.containsKey(key)) {
          findings.add(new Finding(key, Code.MISSING_KEY, "missing: shown in English"));
        }
      }
    }
    new TreeMap<>(bundle).forEach((key, pattern) -> {
      String reference = english.get(key);
      if (reference == null) {
        findings.add(new Finding(key, Code.UNKNOWN_KEY, "unknown message key"));
        return;
      }
      checkPattern(locale, key, pattern, reference, findings);
    });
    findings.sort(java.util.Comparator.comparing(Finding::key));
    return findings;
  }

  private static void checkPattern(ULocale locale, String key, String pattern, String english, List<Finding> findings) {
    Optional<PatternSyntax.Problem> syntax = PatternSyntax.check(pattern);
    if (syntax.isPresent()) {
      findings.add(new Finding(key, Code.SYNTAX, "not an ICU MessageFormat pattern: " + syntax.get()));
      return;
    }
    Set<String> categories = PluralRules.forLocale(locale).getKeywords();
    PatternShape.pluralKeywords(pattern).forEach((argument, keywords) -> {
      Set<String> missing = new TreeSet<>(categories);
      missing.removeAll(keywords);
      Set<String> extra = new TreeSet<>(keywords);
      extra.removeAll(categories);
      if (!missing.isEmpty()) {
        findings.add(new Finding(key, Code.PLURAL_CATEGORIES, "plural {" + argument + "} lacks the CLDR plural "
            + (missing.size() == 1 ? "category " : "categories ") + String.join(", ", missing) + " of "
            + locale.toLanguageTag() + " (it needs " + String.join(", ", ordered(categories)) + ")"));
      }
      if (!extra.isEmpty()) {
        findings.add(new Finding(key, Code.PLURAL_CATEGORIES, "plural {" + argument + "} has "
            + (extra.size() == 1 ? "category " : "categories ") + String.join(", ", extra) + " that "
            + locale.toLanguageTag() + " does not use (its categories: " + String.join(", ", ordered(categories)) + ")"));
      }
    });
    int before = findings.size();
    String shape = shapeDifference(PatternShape.of(english), PatternShape.of(pattern));
    if (shape != null) {
      findings.add(new Finding(key, Code.SHAPE, shape));
    }
    if (findings.size() == before) {
      findings.addAll(SampleRendering.check(locale, Map.of(key, pattern)));
    }
    String control = directionControl(pattern);
    if (control != null) {
      findings.add(new Finding(key, Code.DIRECTION_CONTROL, control));
    } else if (startsAgainstDirection(pattern, locale)) {
      findings.add(new Finding(key, Code.MIXED_DIRECTION, "the text starts " + (locale.isRightToLeft()
          ? "left to right in a right-to-left" : "right to left in a left-to-right") + " locale"));
    }
  }

  /** CLDR's order (zero one two few many other) reads better than the alphabet. */
  private static List<String> ordered(Set<String> categories) {
    return java.util.stream.Stream.of("zero", "one", "two", "few", "many", "other").filter(categories::contains).toList();
  }

  /** What the translation changed from English's shape, or null when nothing. */
  private static String shapeDifference(PatternShape english, PatternShape translation) {
    List<String> problems = new ArrayList<>();
    english.arguments().forEach((name, kinds) -> {
      Set<MessagePattern.ArgType> actual = translation.arguments().get(name);
      if (actual == null) {
        problems.add("argument {" + name + "} is missing");
      } else if (!actual.equals(kinds)) {
        problems.add("argument {" + name + "} is " + kinds(actual) + " where English's is " + kinds(kinds));
      }
    });
    translation.arguments().keySet().stream().filter(name -> !english.arguments().containsKey(name))
        .forEach(name -> problems.add("argument {" + name + "} is not one of English's ("
            + String.join(", ", english.arguments().keySet().stream().map(n -> "{" + n + "}").toList()) + ")"));
    english.selectKeys().forEach((name, keys) -> {
      Set<String> actual = translation.selectKeys().getOrDefault(name, Set.of());
      if (!translation.arguments().containsKey(name)) {
        return;
      }
      Set<String> missing = new TreeSet<>(keys);
      missing.removeAll(actual);
      Set<String> extra = new TreeSet<>(actual);
      extra.removeAll(keys);
      if (!missing.isEmpty()) {
        problems.add("select {" + name + "} lacks " + String.join(", ", missing));
      }
      if (!extra.isEmpty()) {
        problems.add("select {" + name + "} has " + String.join(", ", extra) + ", which English does not");
      }
    });
    return problems.isEmpty() ? null : String.join("; ", problems);
  }

  private static String kinds(Set<MessagePattern.ArgType> kinds) {
    return String.join(" and ", kinds.stream().map(BundleCheck::kind).toList());
  }

  private static String kind(MessagePattern.ArgType type) {
    return switch (type) {
      case NONE -> "plain";
      case SIMPLE -> "formatted (number, date, time)";
      default -> type.name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  /** Why the pattern's bidi controls are unsafe, or null when they are not. */
  private static String directionControl(String pattern) {
    int open = 0;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c >= '\u202A' && c <= '\u202E') {
        return String.format("holds the bidi embedding or override U+%04X; use isolates (U+2066..U+2069)", (int) c);
      }
      if (c >= '\u2066' && c <= '\u2068') {
        open++;
      } else if (c == '\u2069' && --open < 0) {
        return "closes a bidi isolate (U+2069) it did not open";
      }
    }
    return open > 0 ? "opens a bidi isolate it does not close (U+2069)" : null;
  }

  /** Whether the first strong character of the pattern's own text runs against the locale's direction. */
  private static boolean startsAgainstDirection(String pattern, ULocale locale) {
    String text = PatternShape.literalText(pattern);
    Boolean rightToLeft = firstStrong(text, 0, text.length());
    return rightToLeft != null && rightToLeft != locale.isRightToLeft();
  }

  /** Whether the first strong character in [from, to) is right to left; null when there is none. */
  private static Boolean firstStrong(String text, int from, int to) {
    for (int i = from; i < to; ) {
      int cp = text.codePointAt(i);
      int direction = UCharacter.getDirection(cp);
      if (direction == UCharacterDirection.LEFT_TO_RIGHT) {
        return false;
      }
      if (direction == UCharacterDirection.RIGHT_TO_LEFT || direction == UCharacterDirection.RIGHT_TO_LEFT_ARABIC) {
        return true;
      }
      i += Character.charCount(cp);
    }
    return null;
  }
}
