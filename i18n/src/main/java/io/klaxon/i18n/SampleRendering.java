package io.klaxon.i18n;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.text.MessagePattern;
import com.ibm.icu.text.PluralRules;
import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Renders every key of a bundle with sample values, once for every select key and every plural
 * category of the locale, and holds each text to the limits of where it is shown ({@link
 * MessageSurface}): {@link BundleCheck.Code#OVERFLOW} when it would not fit, {@link
 * BundleCheck.Code#LONG_HEADLINE} (a warning) when a headline is longer than a Slack header, and
 * {@link BundleCheck.Code#RENDER_FAILED} when a pattern cannot format. The samples are ordinary
 * values (a 36-character title, a tenant name, a notification id), so what overflows is the
 * template's own text. Stateless and thread-safe.
 */
public final class SampleRendering {
  /** What plain arguments are filled with, by name. */
  private static final Map<String, Object> SAMPLES = Map.of(
      "title", "Disk usage above 90% on db-primary-1",
      "tenant", "Acme Corporation",
      "id", "ntf-3f2a9c1e-5b7d-4e8a-9c0f-1d2e3f4a5b6c",
      "label", "region",
      "value", "eu-west-1",
      "headline", "12 alerts suppressed by the rate limit",
      "severity", "Critical",
      "route", "disk-usage-production",
      "values", "prod eu-west-1",
      "source", "checkout-api");
  private static final Date AT = new Date(1_795_342_530_000L);

  private SampleRendering() {}

  /**
   * Renders each key of {@code bundle} in {@code locale} and returns what does not fit, in key order.
   *
   * @param bundle the patterns to render (a complete bundle: what the locale actually shows)
   */
  public static List<BundleCheck.Finding> check(ULocale locale, Map<String, String> bundle) {
    List<BundleCheck.Finding> findings = new ArrayList<>();
    new TreeMap<>(bundle).forEach((key, pattern) -> {
      MessageSurface surface = MessageSurface.of(key);
      String longest;
      try {
        longest = longest(locale, pattern);
      } catch (IllegalArgumentException e) {
        findings.add(new BundleCheck.Finding(key, BundleCheck.Code.RENDER_FAILED, "cannot render: " + e.getMessage()));
        return;
      }
      int length = longest.codePointCount(0, longest.length());
      if (surface.limit() > 0 && length > surface.limit()) {
        findings.add(new BundleCheck.Finding(key, BundleCheck.Code.OVERFLOW, "renders " + length
            + " characters with sample values; " + describe(surface) + " takes " + surface.limit()));
      } else if (surface.comfortable() > 0 && length > surface.comfortable()) {
        findings.add(new BundleCheck.Finding(key, BundleCheck.Code.LONG_HEADLINE, "renders " + length
            + " characters with sample values; past " + surface.comfortable() + " a headline no longer fits a Slack header"));
      }
    });
    return findings;
  }

  private static String describe(MessageSurface surface) {
    return switch (surface) {
      case HEADLINE, SECTION -> "a Slack section";
      case FIELD -> "a Slack section field";
      case CONTEXT -> "a Slack context element";
      case SUBJECT -> "an email subject line";
      case BODY -> "the body";
    };
  }

  /** The longest text {@code pattern} renders, over every select key and plural category. */
  private static String longest(ULocale locale, String pattern) {
    MessageFormat format = new MessageFormat(pattern, locale);
    PatternShape shape = PatternShape.of(pattern);
    List<Map<String, Object>> variants = new ArrayList<>();
    variants.add(new HashMap<>());
    PluralRules rules = PluralRules.forLocale(locale);
    shape.arguments().forEach((name, kinds) -> {
      List<Object> values = new ArrayList<>();
      if (kinds.contains(MessagePattern.ArgType.SELECT)) {
        values.addAll(shape.selectKeys().getOrDefault(name, Set.of()));
      } else if (kinds.contains(MessagePattern.ArgType.PLURAL)) {
        rules.getKeywords().forEach(keyword -> values.add(sample(rules, keyword)));
      } else if (kinds.contains(MessagePattern.ArgType.SIMPLE)) {
        values.add(numeric(pattern, name) ? (Object) 12_345 : AT);
      } else {
        values.add(SAMPLES.getOrDefault(name, "sample"));
      }
      List<Map<String, Object>> expanded = new ArrayList<>();
      for (Map<String, Object> variant : variants) {
        for (Object value : values) {
          Map<String, Object> next = new HashMap<>(variant);
          next.put(name, value);
          expanded.add(next);
        }
      }
      variants.clear();
      variants.addAll(expanded);
    });
    String longest = "";
    for (Map<String, Object> args : variants) {
      String text = format.format(args);
      if (text.length() > longest.length()) {
        longest = text;
      }
    }
    return longest;
  }

  /** Whether {@code pattern} formats argument {@code name} as a number ({@code {name, number...}}), not a date. */
  private static boolean numeric(String pattern, String name) {
    return Pattern.compile("\\{\\s*" + Pattern.quote(name) + "\\s*,\\s*number\\b").matcher(pattern).find();
  }

  /** The smallest simple number (integers first, then halves, then millions) in {@code keyword}. */
  private static double sample(PluralRules rules, String keyword) {
    for (int i = 0; i <= 200; i++) {
      if (rules.select(i).equals(keyword)) {
        return i;
      }
    }
    for (double x : new double[] {1_000_000, 2_000_000, 0.5, 1.5, 2.5, 10.5}) {
      if (rules.select(x).equals(keyword)) {
        return x;
      }
    }
    return 0;
  }
}
