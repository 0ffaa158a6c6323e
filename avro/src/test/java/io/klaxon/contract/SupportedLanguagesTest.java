package io.klaxon.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class SupportedLanguagesTest {

  @Test
  void everyVariantRefinesASupportedLanguageAndIsWellFormed() {
    for (String variant : SupportedLanguages.VARIANTS) {
      Locale locale = Locale.forLanguageTag(variant);
      assertThat(locale.toLanguageTag()).as(variant).isEqualTo(variant);
      assertThat(SupportedLanguages.isSupported(locale.getLanguage())).as(variant).isTrue();
      assertThat(locale.getScript() + locale.getCountry()).as(variant).isNotEmpty();
    }
  }

  @Test
  void bundledLocalesAreTheLanguagesThenTheVariantsWithEnglishFirst() {
    assertThat(SupportedLanguages.BUNDLED).hasSize(SupportedLanguages.ALL.size() + SupportedLanguages.VARIANTS.size())
        .startsWith(SupportedLanguages.FALLBACK).containsSubsequence(SupportedLanguages.ALL)
        .endsWith(SupportedLanguages.VARIANTS.toArray(String[]::new)).doesNotHaveDuplicates();
    assertThat(SupportedLanguages.VARIANTS).containsExactly("zh-Hant", "pt-PT");
  }
}
