package io.klaxon.notifier.render;

import com.ibm.icu.util.ULocale;
import io.klaxon.contract.SupportedLanguages;
import java.util.List;
import java.util.Objects;

/**
 * The bundles one notification is rendered from: the tenant's own ({@link TenantBundles}) over
 * Klaxon's ({@link MessageBundles}). Along a locale chain, each locale's tenant bundle is read
 * before Klaxon's bundle of the same locale, and a more specific locale before a more general one,
 * so a tenant's {@code fr} changes French, its {@code nl} adds Dutch, and a Klaxon {@code fr_CA}
 * (if there were one) would still win over a tenant's {@code fr}. Immutable and thread-safe.
 */
final class MessageCatalog {
  /** Where a pattern came from. */
  enum Source {
    TENANT,
    BUILT_IN
  }

  /**
   * A pattern found for a key.
   *
   * @param locale the chain locale whose bundle had it
   */
  record Lookup(String pattern, Source source, ULocale locale) {}

  private static final ULocale ENGLISH = new ULocale(SupportedLanguages.FALLBACK);

  private final MessageBundles builtIn;
  private final TenantBundles tenant;

  MessageCatalog(MessageBundles builtIn, TenantBundles tenant) {
    this.builtIn = Objects.requireNonNull(builtIn, "builtIn");
    this.tenant = Objects.requireNonNull(tenant, "tenant");
  }

  /** Whether Klaxon or the tenant has a bundle for {@code baseName}. */
  boolean supports(String baseName) {
    return builtIn.supports(baseName) || tenant.supports(baseName);
  }

  /** The first locale of {@code chain} that has a bundle: the language the notification's words are in. */
  ULocale textLocale(List<ULocale> chain) {
    return chain.stream().filter(l -> supports(l.getBaseName())).findFirst().orElse(ULocale.ENGLISH);
  }

  /** The pattern of {@code key} along {@code chain}, the tenant's before Klaxon's at each locale. */
  Lookup lookup(String key, List<ULocale> chain) {
    for (ULocale locale : chain) {
      String own = tenant.pattern(locale.getBaseName(), key);
      if (own != null) {
        return new Lookup(own, Source.TENANT, locale);
      }
      String klaxons = builtIn.find(locale.getBaseName(), key);
      if (klaxons != null) {
        return new Lookup(klaxons, Source.BUILT_IN, locale);
      }
    }
    return english(key);
  }

  /** The pattern of {@code key} along {@code chain} in Klaxon's bundles only. */
  Lookup builtIn(String key, List<ULocale> chain) {
    for (ULocale locale : chain) {
      String klaxons = builtIn.find(locale.getBaseName(), key);
      if (klaxons != null) {
        return new Lookup(klaxons, Source.BUILT_IN, locale);
      }
    }
    return english(key);
  }

  private Lookup english(String key) {
    return new Lookup(builtIn.pattern(key, List.of()), Source.BUILT_IN, ENGLISH);
  }
}
