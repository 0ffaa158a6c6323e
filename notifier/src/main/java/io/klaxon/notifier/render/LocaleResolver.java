package io.klaxon.notifier.render;

import com.ibm.icu.util.ULocale;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Picks the locale of a notification: the alert's locale, else its target's, else the tenant's
 * default locale, else the deployment's default, taking the first that has a bundle for its
 * language (Klaxon's or the tenant's own). The bundle chain follows ICU's fallback ({@code fr-CA →
 * fr}), reads a script or region variant before the language ({@code zh-TW → zh-Hant → zh},
 * {@code pt-PT → pt}) and always ends in English. Thread-safe.
 */
public final class LocaleResolver {
  private final MessageBundles bundles;
  private final ULocale defaultLocale;

  public LocaleResolver(MessageBundles bundles, String defaultLocale) {
    this.bundles = Objects.requireNonNull(bundles, "bundles");
    ULocale parsed = parse(defaultLocale);
    this.defaultLocale = parsed != null && bundles.supports(parsed.getLanguage()) ? parsed : ULocale.ENGLISH;
  }

  /** Resolves the locale from an alert's and a tenant's locale with Klaxon's bundles only, as {@link #resolve(MessageCatalog, String...)}. */
  public ResolvedLocale resolve(String alertLocale, String tenantLocale) {
    return resolve(new MessageCatalog(bundles, TenantBundles.NONE), alertLocale, tenantLocale);
  }

  /**
   * Resolves the locale from candidates in order of precedence (alert, target, tenant); null,
   * blank, malformed candidates and those whose language {@code catalog} has no bundle for are
   * skipped.
   */
  ResolvedLocale resolve(MessageCatalog catalog, String... candidates) {
    for (String candidate : candidates) {
      ULocale locale = parse(candidate);
      if (locale != null && catalog.supports(locale.getLanguage())) {
        return new ResolvedLocale(locale, chain(locale, catalog));
      }
    }
    return new ResolvedLocale(defaultLocale, chain(defaultLocale, catalog));
  }

  /**
   * The locale and its ICU fallbacks down to (not including) the bare language, then the variant
   * bundles that fit it, then the language and English. A tag rarely names its script: CLDR's
   * likely subtags supply it (zh-TW and zh-HK are Traditional, zh-CN and zh-SG Simplified), so
   * zh-TW reads {@code zh_TW, zh_Hant, zh, en} while zh-CN reads {@code zh_CN, zh, en}.
   */
  private static List<ULocale> chain(ULocale locale, MessageCatalog catalog) {
    Set<ULocale> chain = new LinkedHashSet<>();
    ULocale language = new ULocale(locale.getLanguage());
    for (ULocale l = locale; l != null && !l.getBaseName().isEmpty() && !l.equals(language); l = l.getFallback()) {
      chain.add(l);
    }
    ULocale likely = ULocale.addLikelySubtags(locale);
    for (ULocale variant : List.of(
        variant(likely.getLanguage(), likely.getScript(), likely.getCountry()),
        variant(likely.getLanguage(), likely.getScript(), ""),
        variant(likely.getLanguage(), "", likely.getCountry()))) {
      if (catalog.supports(variant.getBaseName())) {
        chain.add(variant);
      }
    }
    chain.add(language);
    chain.add(ULocale.ENGLISH);
    return List.copyOf(chain);
  }

  private static ULocale variant(String language, String script, String region) {
    return new ULocale.Builder().setLanguage(language).setScript(script).setRegion(region).build();
  }

  private static ULocale parse(String tag) {
    if (tag == null || tag.isBlank()) {
      return null;
    }
    ULocale locale = ULocale.forLanguageTag(tag.trim().replace('_', '-'));
    return locale.getLanguage().isEmpty() ? null : locale;
  }
}
