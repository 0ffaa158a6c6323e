package io.klaxon.notifier.render;

import com.ibm.icu.util.ULocale;
import io.klaxon.i18n.TenantBundleLimits;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tenant's own message bundles, as its delivery profile carries them ({@code messageBundles}:
 * BCP 47 tag → key → pattern), keyed by ICU base name like {@link MessageBundles}. {@code klaxon
 * tenants validate} checks them before they are published; here only what could harm other
 * tenants is enforced again: a tag that is not a language (with an optional script and region) is
 * ignored, and so are bundles beyond the size limits of {@link TenantBundleLimits}, in tag order.
 * A pattern that does not parse is the renderer's business: it falls back to Klaxon's. Immutable
 * and thread-safe.
 */
final class TenantBundles {
  static final TenantBundles NONE = new TenantBundles(Map.of());

  private final Map<String, Map<String, String>> bundles;

  private TenantBundles(Map<String, Map<String, String>> bundles) {
    this.bundles = bundles;
  }

  /** The usable bundles of a profile's {@code messageBundles}; {@link #NONE} when it has none. */
  static TenantBundles of(Map<String, Map<String, String>> messageBundles) {
    if (messageBundles == null || messageBundles.isEmpty()) {
      return NONE;
    }
    Map<String, Map<String, String>> usable = new HashMap<>();
    int total = 0;
    for (Map.Entry<String, Map<String, String>> entry : new TreeMap<>(messageBundles).entrySet()) {
      String baseName = baseName(entry.getKey());
      int size = TenantBundleLimits.size(entry.getValue());
      if (baseName == null || size > TenantBundleLimits.MAX_BUNDLE_CHARS
          || total + size > TenantBundleLimits.MAX_TOTAL_CHARS) {
        continue;
      }
      total += size;
      usable.put(baseName, entry.getValue());
    }
    return new TenantBundles(usable);
  }

  /** Whether the tenant has a bundle for {@code baseName}. */
  boolean supports(String baseName) {
    return bundles.containsKey(baseName);
  }

  /** The tenant's pattern of {@code key} for exactly {@code baseName}, or null. */
  String pattern(String baseName, String key) {
    Map<String, String> bundle = bundles.get(baseName);
    return bundle == null ? null : bundle.get(key);
  }

  private static String baseName(String tag) {
    if (tag == null) {
      return null;
    }
    try {
      ULocale locale = new ULocale.Builder().setLanguageTag(tag.trim().replace('_', '-')).build();
      boolean plain = !locale.getLanguage().isEmpty() && locale.getVariant().isEmpty() && locale.getKeywords() == null;
      return plain ? locale.getBaseName() : null;
    } catch (com.ibm.icu.util.IllformedLocaleException e) {
      return null;
    }
  }
}
