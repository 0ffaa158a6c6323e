package io.klaxon.notifier.render;

import com.ibm.icu.util.ULocale;
import java.util.List;

/**
 * The locale a notification is rendered in.
 *
 * @param formatting the locale numbers and dates are formatted in (may be more specific than any
 *     bundle, for example fr-CA)
 * @param chain bundle lookup order, most specific first, always ending in English
 */
public record ResolvedLocale(ULocale formatting, List<ULocale> chain) {
  public ResolvedLocale {
    chain = List.copyOf(chain);
  }

  public boolean rightToLeft() {
    return formatting.isRightToLeft();
  }

  /** The BCP 47 tag of the formatting locale ({@code fr-CA}), for {@code lang} attributes. */
  public String languageTag() {
    return formatting.toLanguageTag();
  }
}
