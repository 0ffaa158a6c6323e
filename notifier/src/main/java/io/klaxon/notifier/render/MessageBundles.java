package io.klaxon.notifier.render;

import com.ibm.icu.util.ULocale;
import io.klaxon.contract.SupportedLanguages;
import io.klaxon.i18n.BuiltInBundles;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The message bundles: one map of key to ICU MessageFormat pattern per supported locale (a
 * language, or a script or region variant such as {@code zh_Hant} or {@code pt_PT}), keyed by ICU
 * base name: Klaxon's own ({@link BuiltInBundles}, the locales of {@link
 * SupportedLanguages#BUNDLED}), looked up along a locale chain. Immutable and thread-safe.
 */
public final class MessageBundles {
  private final Map<String, Map<String, String>> bundles;

  private MessageBundles(Map<String, Map<String, String>> bundles) {
    Map<String, Map<String, String>> copy = new LinkedHashMap<>();
    bundles.forEach((language, messages) -> copy.put(language, Map.copyOf(messages)));
    this.bundles = Map.copyOf(copy);
    if (!this.bundles.containsKey(SupportedLanguages.FALLBACK)) {
      throw new IllegalArgumentException("the English bundle is required: it ends every fallback chain");
    }
  }

  /** The bundles shipped with Klaxon. */
  public static MessageBundles builtIn() {
    return new MessageBundles(BuiltInBundles.load());
  }

  /** Bundles given in memory (base name → key → pattern), for tests and pseudo-localization. */
  public static MessageBundles of(Map<String, Map<String, String>> bundles) {
    return new MessageBundles(Objects.requireNonNull(bundles, "bundles"));
  }

  /** The base names that have a bundle ({@code fr}, {@code zh_Hant}). */
  public Set<String> locales() {
    return bundles.keySet();
  }

  /** Whether {@code baseName} (a language such as {@code fr}, or a variant such as {@code zh_Hant}) has a bundle. */
  public boolean supports(String baseName) {
    return bundles.containsKey(baseName);
  }

  /** The bundle of one base name, key → pattern, sorted by key; empty when unsupported. */
  public Map<String, String> bundle(String baseName) {
    return new TreeMap<>(bundles.getOrDefault(baseName, Map.of()));
  }

  /** The pattern of {@code key} in exactly the bundle of {@code baseName}; null when either is missing. */
  public String find(String baseName, String key) {
    Map<String, String> bundle = bundles.get(baseName);
    return bundle == null ? null : bundle.get(key);
  }

  /**
   * The pattern of {@code key}, looked up along {@code chain} (most specific first).
   *
   * @throws IllegalArgumentException when no bundle of the chain has the key (a programming
   *     error: the completeness test keeps every key in every bundle)
   */
  public String pattern(String key, List<ULocale> chain) {
    for (ULocale locale : chain) {
      Map<String, String> bundle = bundles.get(locale.getBaseName());
      if (bundle != null && bundle.containsKey(key)) {
        return bundle.get(key);
      }
    }
    String english = bundles.get(SupportedLanguages.FALLBACK).get(key);
    if (english == null) {
      throw new IllegalArgumentException("no message for key " + key);
    }
    return english;
  }
}
