package io.klaxon.cli.tenants;

import com.ibm.icu.util.IllformedLocaleException;
import com.ibm.icu.util.ULocale;
import io.klaxon.i18n.BuiltInBundles;
import io.klaxon.i18n.BundleCheck;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a tenant file's {@code templateOverrides}: {@code key} or {@code key/locale} → an ICU
 * MessageFormat pattern that replaces Klaxon's text for that message key (in every locale, or in
 * that locale and its variants). The notifier looks an override up by the exact key and the exact
 * BCP 47 tag of the locale it renders in, so a key Klaxon does not have or a tag not written the
 * canonical way ({@code fr-CA}, not {@code fr_ca}) would never be used; both are errors, as is a
 * pattern that is not ICU MessageFormat. The pattern is then held to the rules of a bundle ({@link
 * BundleCheck}), except that leaving out or adding arguments is only a warning: an override may
 * say less than Klaxon's text, or print a brace literally. Not thread-safe: one per tenant file.
 */
final class TemplateOverridesReader {
  private static final Map<String, String> ENGLISH = BuiltInBundles.english();

  private final NodeReader r;

  TemplateOverridesReader(NodeReader r) {
    this.r = r;
  }

  /** The overrides as written (key → pattern); the file is invalid when one of them is. */
  Map<String, String> read(Located node) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node == null) {
      return out;
    }
    if (!(node instanceof Located.Mapping map)) {
      r.sink().error(node, "templateOverrides", "expected a map of message key (or key/locale) to template, found " + node.kind());
      return out;
    }
    for (Located.Entry entry : map.entries().values()) {
      String path = "templateOverrides." + entry.key();
      String pattern = r.string(entry.value(), path);
      if (pattern == null) {
        continue;
      }
      out.put(entry.key(), pattern);
      Located at = new Located.Scalar(entry.line(), entry.column(), entry.key());
      int slash = entry.key().lastIndexOf('/');
      String key = slash < 0 ? entry.key() : entry.key().substring(0, slash);
      if (!ENGLISH.containsKey(key)) {
        r.sink().error(at, path, "unknown message key '" + key + "'"
            + Suggestions.closest(key, ENGLISH.keySet()).map(s -> " (did you mean '" + s + "'?)").orElse("")
            + "; an override is written as key or key/locale, e.g. alert.headline/fr");
        continue;
      }
      ULocale locale = slash < 0 ? ULocale.ENGLISH : locale(entry.key().substring(slash + 1), at, path);
      if (locale == null) {
        continue;
      }
      for (BundleCheck.Finding finding : BundleCheck.check(locale, Map.of(key, pattern), ENGLISH, false)) {
        if (finding.isError() && finding.code() != BundleCheck.Code.SHAPE) {
          r.sink().error(at, path, finding.message());
        } else {
          r.sink().warn(at, path, finding.message());
        }
      }
    }
    return out;
  }

  private ULocale locale(String tag, Located at, String path) {
    try {
      ULocale locale = new ULocale.Builder().setLanguageTag(tag).build();
      if (locale.getLanguage().isEmpty()) {
        r.sink().error(at, path, "'" + tag + "' is not a language tag (e.g. fr, fr-CA, zh-Hant)");
        return null;
      }
      if (!locale.toLanguageTag().equals(tag)) {
        r.sink().error(at, path, "write the locale as '" + locale.toLanguageTag() + "': the notifier matches the tag exactly");
        return null;
      }
      return locale;
    } catch (IllformedLocaleException e) {
      r.sink().error(at, path, "'" + tag + "' is not a well-formed BCP 47 language tag (e.g. fr, fr-CA, zh-Hant)");
      return null;
    }
  }
}
