package io.klaxon.notifier.render;

import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Picks the locale of a notification: the alert's locale, else the tenant's default locale, else
 * the deployment's default, taking the first that has a bundle for its language. The bundle
 * chain follows ICU's fallback ({@code fr-CA → fr}) and always ends in English. Thread-safe.
 */
public final class LocaleResolver {
  private final MessageBundles bundles;
  private final ULocale defaultLocale;

  public LocaleResolver(MessageBundles bundles, String defaultLocale) {
    this.bundles = Objects.requireNonNull(bundles, "bundles");
    ULocale parsed = parse(defaultLocale);
    this.defaultLocale = parsed != null && bundles.supports(parsed.getLanguage()) ? parsed : ULocale.ENGLISH;
  }

  /**
   * Resolves the locale from candidates in order of precedence; null, blank, malformed and
   * unsupported candidates are skipped.
   */
  public ResolvedLocale resolve(String alertLocale, String tenantLocale) {
    for (String candidate : new String[] {alertLocale, tenantLocale}) {
      ULocale locale = parse(candidate);
      if (locale != null && bundles.supports(locale.getLanguage())) {
        return new ResolvedLocale(locale, chain(locale));
      }
    }
    return new ResolvedLocale(defaultLocale, chain(defaultLocale));
  }

  private List<ULocale> chain(ULocale locale) {
    List<ULocale> chain = new ArrayList<>();
    for (ULocale l = locale; l != null && !l.equals(ULocale.ROOT) && !l.getBaseName().isEmpty(); l = l.getFallback()) {
      chain.add(l);
    }
    if (!chain.contains(ULocale.ENGLISH)) {
      chain.add(ULocale.ENGLISH);
    }
    return chain;
  }

  private static ULocale parse(String tag) {
    if (tag == null || tag.isBlank()) {
      return null;
    }
    ULocale locale = ULocale.forLanguageTag(tag.trim().replace('_', '-'));
    return locale.getLanguage().isEmpty() ? null : locale;
  }
}
