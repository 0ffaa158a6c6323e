package io.klaxon.notifier.render;

import com.ibm.icu.text.NumberingSystem;
import com.ibm.icu.util.Calendar;
import com.ibm.icu.util.ULocale;
import java.util.List;
import java.util.Set;

/**
 * The locale a notification is rendered in.
 *
 * @param formatting the locale asked for (may be more specific than any bundle, for example
 *     fr-CA); its tag is what the message says it is in
 * @param chain bundle lookup order, most specific first, always ending in English
 * @param dataLocale the locale numbers and dates are formatted with: the language, script and
 *     region of {@code formatting}, and the numbering system, calendar and hour cycle it asks for
 *     when ICU knows them. Variants, private-use subtags and other extensions change nothing ICU
 *     formats, so they are left out: every well-formed spelling of a locale shares its parsed
 *     patterns ({@link FormatCache})
 */
public record ResolvedLocale(ULocale formatting, List<ULocale> chain, ULocale dataLocale) {
  private static final Set<String> HOUR_CYCLES = Set.of("h11", "h12", "h23", "h24");

  public ResolvedLocale {
    chain = List.copyOf(chain);
  }

  /** The locale asked for, with its data locale taken from it. */
  public ResolvedLocale(ULocale formatting, List<ULocale> chain) {
    this(formatting, chain, dataLocaleOf(formatting));
  }

  /**
   * Whether the text is written right to left: CLDR's direction of the locale's script, the
   * likely script when the tag names none (ar, he, fa, ur, ps, ckb, yi, dv... are).
   */
  public boolean rightToLeft() {
    return formatting.isRightToLeft();
  }

  /** The BCP 47 tag of the formatting locale ({@code fr-CA}), for {@code lang} attributes. */
  public String languageTag() {
    return formatting.toLanguageTag();
  }

  private static ULocale dataLocaleOf(ULocale formatting) {
    ULocale.Builder data = new ULocale.Builder().setLanguage(formatting.getLanguage())
        .setScript(formatting.getScript()).setRegion(formatting.getCountry());
    String numbers = formatting.getUnicodeLocaleType("nu");
    if (numbers != null && NumberingSystem.getInstanceByName(numbers) != null) {
      data.setUnicodeLocaleKeyword("nu", numbers);
    }
    String calendar = formatting.getUnicodeLocaleType("ca");
    if (calendar != null && List.of(Calendar.getKeywordValuesForLocale("calendar", formatting, false)).contains(calendar)) {
      data.setUnicodeLocaleKeyword("ca", calendar);
    }
    String hours = formatting.getUnicodeLocaleType("hc");
    if (hours != null && HOUR_CYCLES.contains(hours)) {
      data.setUnicodeLocaleKeyword("hc", hours);
    }
    return data.build();
  }
}
