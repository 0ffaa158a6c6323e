package io.klaxon.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.util.ULocale;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BundleCheckTest {
  private static final Map<String, String> ENGLISH = BuiltInBundles.english();

  @Test
  void everyBuiltInBundleFollowsTheRulesItHoldsTenantsTo() {
    BuiltInBundles.load().forEach((baseName, bundle) ->
        assertThat(BundleCheck.check(new ULocale(baseName), bundle, ENGLISH, true)).as(baseName).isEmpty());
  }

  @Test
  void aPolishPluralNeedsFewAndManyNotJustOneAndOther() {
    Map<String, String> polish = Map.of(
        "alert.duplicates", "{count, plural, one {# duplikat pominięty} other {# duplikatów pominiętych}}");

    List<BundleCheck.Finding> findings = BundleCheck.check(new ULocale("pl"), polish, ENGLISH, false);

    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.key()).isEqualTo("alert.duplicates");
      assertThat(f.code()).isEqualTo(BundleCheck.Code.PLURAL_CATEGORIES);
      assertThat(f.message()).contains("lacks the CLDR plural categories few, many of pl");
    });
  }

  @Test
  void aCategoryTheLanguageDoesNotUseIsRefusedButExplicitValuesAreFree() {
    Map<String, String> japanese = Map.of(
        "alert.duplicates", "{count, plural, =0 {なし} one {# 件} other {# 件}}");

    assertThat(BundleCheck.check(new ULocale("ja"), japanese, ENGLISH, false)).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("has category one that ja does not use"));
  }

  @Test
  void renamedArgumentsDroppedSelectKeysAndBrokenSyntaxAreNamed() {
    Map<String, String> dutch = new LinkedHashMap<>();
    dutch.put("alert.headline", "{status, select, other {Actief}}: {titel}");
    dutch.put("field.status", "Status {");
    dutch.put("alert.headlin", "x");

    List<BundleCheck.Finding> findings = BundleCheck.check(new ULocale("nl"), dutch, ENGLISH, false);

    assertThat(findings).extracting(BundleCheck.Finding::key, BundleCheck.Finding::code).containsExactly(
        org.assertj.core.groups.Tuple.tuple("alert.headlin", BundleCheck.Code.UNKNOWN_KEY),
        org.assertj.core.groups.Tuple.tuple("alert.headline", BundleCheck.Code.SHAPE),
        org.assertj.core.groups.Tuple.tuple("field.status", BundleCheck.Code.SYNTAX));
    assertThat(findings.get(1).message()).contains("argument {title} is missing", "{titel}", "select {status} lacks RESOLVED");
  }

  @Test
  void aNewLanguageMissingKeysIsWarnedAnOverrideIsNot() {
    Map<String, String> one = Map.of("field.status", "Status");

    assertThat(BundleCheck.check(new ULocale("nl"), one, ENGLISH, true))
        .hasSize(ENGLISH.size() - 1).allSatisfy(f -> {
          assertThat(f.code()).isEqualTo(BundleCheck.Code.MISSING_KEY);
          assertThat(f.isError()).isFalse();
        });
    assertThat(BundleCheck.check(new ULocale("fr"), one, ENGLISH, false)).isEmpty();
  }

  @Test
  void overridesAndUnclosedIsolatesAreRefusedAndTextAgainstTheLocaleDirectionIsWarned() {
    Map<String, String> persian = new LinkedHashMap<>();
    persian.put("field.status", "\u202Eوضعیت");
    persian.put("field.kind", "\u2067نوع");
    persian.put("field.source", "Source منبع");

    List<BundleCheck.Finding> findings = BundleCheck.check(new ULocale("fa"), persian, ENGLISH, false);

    assertThat(findings).extracting(BundleCheck.Finding::key, BundleCheck.Finding::code).containsExactly(
        org.assertj.core.groups.Tuple.tuple("field.kind", BundleCheck.Code.DIRECTION_CONTROL),
        org.assertj.core.groups.Tuple.tuple("field.source", BundleCheck.Code.MIXED_DIRECTION),
        org.assertj.core.groups.Tuple.tuple("field.status", BundleCheck.Code.DIRECTION_CONTROL));
    assertThat(findings.get(2).message()).contains("U+202E");
  }

  @Test
  void aBundleOverTheSizeLimitIsRefused() {
    Map<String, String> huge = Map.of("field.status", "x".repeat(TenantBundleLimits.MAX_BUNDLE_CHARS));

    assertThat(BundleCheck.check(new ULocale("nl"), huge, ENGLISH, false)).first()
        .satisfies(f -> assertThat(f.code()).isEqualTo(BundleCheck.Code.SIZE));
  }
}
