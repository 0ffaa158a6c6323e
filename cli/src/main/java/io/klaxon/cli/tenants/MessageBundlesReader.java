package io.klaxon.cli.tenants;

import com.ibm.icu.util.IllformedLocaleException;
import com.ibm.icu.util.ULocale;
import io.klaxon.contract.SupportedLanguages;
import io.klaxon.i18n.BuiltInBundles;
import io.klaxon.i18n.BundleCheck;
import io.klaxon.i18n.TenantBundleLimits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a tenant file's {@code messageBundles}: BCP 47 locale → the bundle, written inline as a map
 * of message key to pattern or as the path of a {@code .properties} file relative to the tenant
 * file ({@link PropertiesBundleFile}). Each bundle is held to the rules of Klaxon's own ({@link
 * BundleCheck}) and every finding is reported where the key is written, in the tenant file or in
 * the bundle file: {@code hoogland.yaml:34:5: messageBundles.nl.alert.duplicates: plural {count}
 * lacks the CLDR plural category ...}. Not thread-safe: one per tenant file.
 */
final class MessageBundlesReader {
  private static final Map<String, String> ENGLISH = BuiltInBundles.english();

  private final NodeReader r;
  private final Path tenantDir;

  /**
   * @param r the tenant file's reader (its sink gets the tenant file's problems)
   * @param tenantDir the directory bundle file paths are relative to
   */
  MessageBundlesReader(NodeReader r, Path tenantDir) {
    this.r = r;
    this.tenantDir = tenantDir;
  }

  /** The bundles, canonical BCP 47 tag → key → pattern; a bundle with an error is still returned (the file is invalid anyway). */
  Map<String, Map<String, String>> read(Located node) {
    Map<String, Map<String, String>> bundles = new LinkedHashMap<>();
    if (node == null) {
      return bundles;
    }
    if (!(node instanceof Located.Mapping map)) {
      r.sink().error(node, "messageBundles", "expected a map of locale to bundle (a map of message key to pattern, or a file path), found " + node.kind());
      return bundles;
    }
    int total = 0;
    for (Located.Entry entry : map.entries().values()) {
      String path = "messageBundles." + entry.key();
      ULocale locale = locale(entry, path);
      if (locale == null) {
        continue;
      }
      String tag = locale.toLanguageTag();
      if (bundles.containsKey(tag)) {
        r.sink().error(entry.line(), entry.column(), path, "a second bundle for " + tag);
        continue;
      }
      Map<String, String> bundle = entry.value() instanceof Located.Scalar s && s.value() instanceof String file
          ? fromFile(entry.value(), path, file, locale)
          : inline(entry, path, locale);
      if (bundle != null) {
        bundles.put(tag, bundle);
        total += TenantBundleLimits.size(bundle);
      }
    }
    if (total > TenantBundleLimits.MAX_TOTAL_CHARS) {
      r.sink().error(node, "messageBundles", "the bundles hold " + total + " characters together; at most "
          + TenantBundleLimits.MAX_TOTAL_CHARS + " are allowed (they travel in every notification)");
    }
    return bundles;
  }

  /** Whether {@code language} has a bundle in {@code bundles} or in Klaxon. */
  static boolean hasTexts(String language, Map<String, Map<String, String>> bundles) {
    return SupportedLanguages.isSupported(language)
        || bundles.keySet().stream().anyMatch(tag -> ULocale.forLanguageTag(tag).getLanguage().equals(language));
  }

  private ULocale locale(Located.Entry entry, String path) {
    try {
      ULocale locale = new ULocale.Builder().setLanguageTag(entry.key()).build();
      if (locale.getLanguage().isEmpty() || !locale.getVariant().isEmpty() || locale.getKeywords() != null) {
        r.sink().error(entry.line(), entry.column(), path,
            "a bundle's locale is a language with an optional script and region (nl, zh-Hant, pt-PT), not '" + entry.key() + "'");
        return null;
      }
      return locale;
    } catch (IllformedLocaleException e) {
      r.sink().error(entry.line(), entry.column(), path, "'" + entry.key() + "' is not a well-formed BCP 47 language tag");
      return null;
    }
  }

  private Map<String, String> inline(Located.Entry bundleEntry, String path, ULocale locale) {
    Located node = bundleEntry.value();
    if (!(node instanceof Located.Mapping map)) {
      r.sink().error(node, path, "expected a map of message key to pattern, or the path of a .properties file, found " + node.kind());
      return null;
    }
    Map<String, String> bundle = new LinkedHashMap<>();
    Map<String, Located> where = new LinkedHashMap<>();
    for (Located.Entry entry : map.entries().values()) {
      String pattern = r.string(entry.value(), path + "." + entry.key());
      if (pattern != null) {
        bundle.put(entry.key(), pattern);
        where.put(entry.key(), new Located.Scalar(entry.line(), entry.column(), entry.key()));
      }
    }
    check(locale, bundle, where, new Located.Scalar(bundleEntry.line(), bundleEntry.column(), bundleEntry.key()), path, r.sink());
    return bundle;
  }

  private Map<String, String> fromFile(Located node, String path, String file, ULocale locale) {
    Path relative = Path.of(file);
    if (relative.isAbsolute()) {
      r.sink().error(node, path, "a bundle file is given relative to the tenant file, not as '" + file + "'");
      return null;
    }
    Path resolved = tenantDir.resolve(relative).normalize();
    PropertiesBundleFile bundle;
    try {
      bundle = PropertiesBundleFile.read(resolved, resolved.toString());
    } catch (java.nio.file.NoSuchFileException e) {
      r.sink().error(node, path, "no such bundle file " + resolved);
      return null;
    } catch (IOException e) {
      r.sink().error(node, path, "cannot read bundle file " + resolved + ": " + e.getMessage());
      return null;
    }
    ProblemSink fileSink = new ProblemSink(bundle.file());
    check(locale, bundle.messages(), bundle.keys(), new Located.Scalar(0, 0, file), path, fileSink);
    r.sink().addAll(fileSink.problems());
    return bundle.messages();
  }

  private static void check(ULocale locale, Map<String, String> bundle, Map<String, Located> where, Located whole,
      String path, ProblemSink sink) {
    boolean complete = !SupportedLanguages.isSupported(locale.getLanguage());
    for (BundleCheck.Finding finding : BundleCheck.check(locale, bundle, ENGLISH, complete)) {
      Located at = finding.key().isEmpty() ? whole : where.getOrDefault(finding.key(), whole);
      String message = finding.message();
      if (finding.code() == BundleCheck.Code.UNKNOWN_KEY) {
        message += Suggestions.closest(finding.key(), ENGLISH.keySet()).map(s -> " (did you mean '" + s + "'?)").orElse("");
      }
      String atPath = finding.key().isEmpty() ? path : path + "." + finding.key();
      if (finding.isError()) {
        sink.error(at, atPath, message);
      } else {
        sink.warn(at, atPath, message);
      }
    }
  }
}
