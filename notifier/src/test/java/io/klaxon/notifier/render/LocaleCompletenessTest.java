package io.klaxon.notifier.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.text.MessagePattern;
import com.ibm.icu.text.PluralRules;
import com.ibm.icu.text.Transliterator;
import com.ibm.icu.util.ULocale;
import io.klaxon.contract.SupportedLanguages;
import io.klaxon.i18n.PatternShape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class LocaleCompletenessTest {
  /** ICU base names of every bundle: the supported languages and variants. */
  static final List<String> LOCALES =
      SupportedLanguages.BUNDLED.stream().map(tag -> ULocale.forLanguageTag(tag).getBaseName()).toList();
  private static final MessageBundles BUNDLES = MessageBundles.builtIn();

  @Test
  void twelveLanguagesAndTwoVariantsShip() {
    assertThat(BUNDLES.locales()).containsExactlyInAnyOrder(
        "en", "fr", "de", "es", "it", "pt", "ru", "zh", "ja", "ko", "ar", "he", "zh_Hant", "pt_PT");
  }

  @Test
  void chineseBundlesAreWrittenInTheirOwnScript() {
    Transliterator toTraditional = Transliterator.getInstance("Hans-Hant");
    Transliterator toSimplified = Transliterator.getInstance("Hant-Hans");
    BUNDLES.bundle("zh_Hant").forEach((key, pattern) ->
        assertThat(toTraditional.transliterate(pattern)).as("zh_Hant " + key).isEqualTo(pattern));
    BUNDLES.bundle("zh").forEach((key, pattern) ->
        assertThat(toSimplified.transliterate(pattern)).as("zh " + key).isEqualTo(pattern));
  }

  @Test
  void variantsAreTranslationsOfTheirOwnNotCopiesOfTheirLanguage() {
    Map<String, String> simplified = BUNDLES.bundle("zh");
    Map<String, String> traditional = BUNDLES.bundle("zh_Hant");
    assertThat(traditional.keySet().stream().filter(k -> !traditional.get(k).equals(simplified.get(k))).count())
        .isGreaterThanOrEqualTo(traditional.keySet().stream().filter(k -> hasWords(simplified.get(k))).count() - 2);
    // Words where Taiwan and Hong Kong usage differs from the mainland, not just the characters.
    assertThat(traditional.get("field.message")).isEqualTo("訊息");
    assertThat(traditional.get("field.links")).isEqualTo("連結");
    assertThat(traditional.get("severity")).contains("資訊");

    Map<String, String> european = BUNDLES.bundle("pt_PT");
    assertThat(european.get("field.links")).isEqualTo("Ligações");
    assertThat(european.get("email.footer")).contains("equipa").doesNotContain("equipe");
    assertThat(european.get("field.labels")).isEqualTo("Etiquetas");
    assertThat(european.values()).noneMatch(pattern -> pattern.matches("(?s).*\\b\\p{L}+ndo\\b.*"));
  }

  @ParameterizedTest
  @FieldSource("LOCALES")
  void everyKeyExistsInEveryLocale(String locale) {
    assertThat(BUNDLES.bundle(locale).keySet()).isEqualTo(BUNDLES.bundle("en").keySet());
  }

  @ParameterizedTest
  @FieldSource("LOCALES")
  void everyPatternParsesInItsLocale(String locale) {
    BUNDLES.bundle(locale).forEach((key, pattern) ->
        assertThat(new MessageFormat(pattern, new ULocale(locale)).toPattern()).as(locale + " " + key).isNotBlank());
  }

  @ParameterizedTest
  @FieldSource("LOCALES")
  void everyTranslationKeepsTheArgumentsAndSelectKeysOfEnglish(String locale) {
    assertThat(PatternShape.mismatches(BUNDLES.bundle("en"), BUNDLES.bundle(locale))).as(locale).isEmpty();
  }

  @Test
  void aRenamedArgumentOrADroppedSelectKeyIsCaught() {
    Map<String, String> english = Map.of(
        "alert.headline", "{status, select, RESOLVED {Resolved} other {Firing}}: {title}",
        "time.at", "{at, date, ::yMMMdjmmz}",
        "field.status", "Status");
    Map<String, String> broken = Map.of(
        "alert.headline", "{status, select, other {Déclenchée}} : {titel}",
        "time.at", "{at}",
        "field.status", "Statut");
    MessageBundles bundles = MessageBundles.of(Map.of("en", english, "fr", broken));

    List<String> problems = PatternShape.mismatches(bundles.bundle("en"), bundles.bundle("fr"));

    assertThat(problems).hasSize(2);
    assertThat(problems.get(0)).startsWith("alert.headline:").contains("titel").contains("RESOLVED");
    assertThat(problems.get(1)).startsWith("time.at:").contains("SIMPLE").contains("NONE");
  }

  @ParameterizedTest
  @FieldSource("LOCALES")
  void nonEnglishBundlesAreTranslated(String locale) {
    if (locale.equals("en")) {
      return;
    }
    Map<String, String> english = BUNDLES.bundle("en");
    Map<String, String> bundle = BUNDLES.bundle(locale);
    // Keys without words of their own (a date pattern, "{label}: {value}") may well read the same.
    List<String> worded = english.keySet().stream().filter(k -> hasWords(english.get(k))).toList();
    assertThat(worded).contains("field.severity", "alert.headline", "alert.duplicates").doesNotContain("time.at", "field.pair");
    List<String> translated = worded.stream().filter(k -> !bundle.get(k).equals(english.get(k))).toList();
    // A few words are the same in several languages ("Status", "Message").
    assertThat(translated.size()).as(locale).isGreaterThanOrEqualTo(worded.size() * 3 / 4);
    for (String key : List.of("alert.repeat", "alert.duplicates", "summary.headline", "email.footer", "severity")) {
      assertThat(bundle.get(key)).as(locale + " " + key).isNotEqualTo(english.get(key));
    }
  }

  @ParameterizedTest
  @FieldSource("LOCALES")
  void everyPluralArgumentListsEveryCldrCategoryOfItsLocale(String locale) {
    Set<String> keywords = PluralRules.forLocale(new ULocale(locale)).getKeywords();
    int plurals = 0;
    for (Map.Entry<String, String> entry : BUNDLES.bundle(locale).entrySet()) {
      for (Set<String> selectors : pluralSelectors(entry.getValue())) {
        plurals++;
        assertThat(selectors).as(locale + " " + entry.getKey()).containsAll(keywords);
      }
    }
    assertThat(plurals).as("plural messages in " + locale).isGreaterThanOrEqualTo(2);
  }

  @ParameterizedTest
  @FieldSource("LOCALES")
  void everyPluralCategoryOfEveryLocaleIsRendered(String locale) {
    ULocale uLocale = new ULocale(locale);
    PluralRules rules = PluralRules.forLocale(uLocale);
    for (String key : List.of("alert.duplicates", "summary.headline")) {
      String pattern = BUNDLES.bundle(locale).get(key);
      Set<String> outputs = new HashSet<>();
      Set<String> rendered = new TreeSet<>();
      for (String keyword : rules.getKeywords()) {
        double sample = sampleFor(rules, keyword);
        assertThat(rules.select(sample)).isEqualTo(keyword);
        String output = new MessageFormat(pattern, uLocale).format(Map.of("count", sample));
        assertThat(output).as(locale + " " + key + " " + keyword).isNotBlank().doesNotContain("{", "}");
        outputs.add(output.replaceAll("[\\p{Nd}.,\\s\\u00A0\\u202F\\u066B\\u066C]", ""));
        rendered.add(keyword);
      }
      assertThat(rendered).isEqualTo(rules.getKeywords());
      // Each category picked its own branch: as many distinct texts as distinct branches.
      assertThat(outputs).as(locale + " " + key).hasSize(distinctBranches(pattern, rules.getKeywords()));
    }
  }

  /** Whether a pattern has letters outside its arguments (at any nesting depth of the branches). */
  static boolean hasWords(String pattern) {
    return PatternShape.literalText(pattern).codePoints().anyMatch(Character::isLetter);
  }

  /** The smallest simple number (integers first, then halves) that falls in {@code keyword}. */
  static double sampleFor(PluralRules rules, String keyword) {
    List<Double> candidates = new ArrayList<>();
    for (int i = 0; i <= 200; i++) {
      candidates.add((double) i);
    }
    candidates.addAll(List.of(1_000_000.0, 2_000_000.0, 0.5, 1.5, 2.5, 10.5));
    return candidates.stream().filter(x -> rules.select(x).equals(keyword)).findFirst()
        .orElseThrow(() -> new AssertionError("no sample for " + keyword));
  }

  /** The selector sets of every plural argument in a pattern. */
  static List<Set<String>> pluralSelectors(String pattern) {
    MessagePattern parsed = new MessagePattern(pattern);
    List<Set<String>> result = new ArrayList<>();
    for (int i = 0; i < parsed.countParts(); i++) {
      MessagePattern.Part part = parsed.getPart(i);
      if (part.getType() == MessagePattern.Part.Type.ARG_START && part.getArgType() == MessagePattern.ArgType.PLURAL) {
        Set<String> selectors = new HashSet<>();
        int limit = parsed.getLimitPartIndex(i);
        for (int j = i + 1; j < limit; j++) {
          MessagePattern.Part inner = parsed.getPart(j);
          if (inner.getType() == MessagePattern.Part.Type.ARG_SELECTOR) {
            selectors.add(parsed.getSubstring(inner));
          }
          if (inner.getType() == MessagePattern.Part.Type.MSG_START) {
            j = parsed.getLimitPartIndex(j);
          }
        }
        result.add(selectors);
      }
    }
    return result;
  }

  private static int distinctBranches(String pattern, Set<String> keywords) {
    MessagePattern parsed = new MessagePattern(pattern);
    Map<String, String> branches = new HashMap<>();
    for (int i = 0; i < parsed.countParts(); i++) {
      MessagePattern.Part part = parsed.getPart(i);
      if (part.getType() == MessagePattern.Part.Type.ARG_SELECTOR) {
        int start = i + 1;
        int limit = parsed.getLimitPartIndex(start);
        branches.put(parsed.getSubstring(part),
            pattern.substring(parsed.getPart(start).getLimit(), parsed.getPart(limit).getIndex()).replaceAll("\\s", ""));
        i = limit;
      }
    }
    Set<String> used = new HashSet<>();
    keywords.forEach(k -> used.add(branches.getOrDefault(k, branches.get("other"))));
    return used.size();
  }
}
