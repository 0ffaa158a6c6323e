package io.klaxon.notifier.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.notifier.metrics.NotifierMetrics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Wording a native-speaker review asked for: grammatical agreement with the label a value stands
 * under, no false friends ("suppressed" is not "deleted", a link is not a phone call), labels that
 * stand alone, and each language's own plural and spacing conventions.
 */
class TranslationWordingTest {
  private static final MessageBundles BUNDLES = MessageBundles.builtIn();

  private static LocalizedMessages messages(String locale) {
    ResolvedLocale resolved = new LocaleResolver(BUNDLES, "en").resolve(locale, null);
    NotifierMetrics metrics = NotifierMetrics.inMemory();
    return new LocalizedMessages(new MessageCatalog(BUNDLES, TenantBundles.NONE), new FormatCache(FormatCache.DEFAULT_CAPACITY),
        resolved, "UTC", Map.of(), "acme", metrics, new MessageFallbacks(metrics.registry()));
  }

  private static List<String> severities(String locale) {
    LocalizedMessages messages = messages(locale);
    return List.of("CRITICAL", "HIGH", "WARNING", "INFO").stream()
        .map(severity -> messages.format("severity", Map.of("severity", severity))).toList();
  }

  private static String duplicates(String locale, long count) {
    return messages(locale).format("alert.duplicates", Map.of("count", count));
  }

  private static String summary(String locale, long count) {
    return messages(locale).format("summary.headline", Map.of("count", count));
  }

  @Test
  void severityAgreesWithItsFeminineLabel() {
    assertThat(messages("ru").text("field.severity")).isEqualTo("Важность");
    assertThat(severities("ru")).containsExactly("Критическая", "Высокая", "Предупреждение", "Информация");
    assertThat(messages("pt").text("field.severity")).isEqualTo("Gravidade");
    assertThat(severities("pt")).startsWith("Crítica", "Alta");
  }

  @Test
  void portugueseLinksAreNotPhoneCalls() {
    assertThat(messages("pt").text("field.links")).isEqualTo("Links");
  }

  @Test
  void suppressedIsNeitherDeletedNorAbolished() {
    assertThat(duplicates("fr", 3)).isEqualTo("3 doublons ignorés");
    assertThat(summary("fr", 3)).isEqualTo("3 alertes non envoyées en raison de la limite de débit");
    assertThat(duplicates("es", 3)).isEqualTo("3 duplicados omitidos");
    assertThat(duplicates("pt", 3)).isEqualTo("3 duplicados omitidos");
    assertThat(duplicates("it", 3)).isEqualTo("3 duplicati omessi");
    for (String locale : List.of("fr", "es", "pt", "it")) {
      assertThat(BUNDLES.bundle(locale).values()).as(locale)
          .noneMatch(pattern -> pattern.contains("supprim") || pattern.contains("suprim") || pattern.contains("soppress"));
    }
  }

  @Test
  void timeLabelsStandAloneWithoutATrailingPreposition() {
    assertThat(messages("fr").text("field.occurredAt")).isEqualTo("Date");
    assertThat(messages("es").text("field.occurredAt")).isEqualTo("Fecha");
    assertThat(messages("it").text("field.occurredAt")).isEqualTo("Data e ora");
    assertThat(messages("pt").text("field.occurredAt")).isEqualTo("Data");
    assertThat(messages("de").text("field.occurredAt")).isEqualTo("Zeitpunkt");
  }

  @Test
  void arabicDuplicatesAreBlockedDuplicateAlertsInEveryPluralForm() {
    assertThat(duplicates("ar", 0)).isEqualTo("لم يُحجب أي تنبيه مكرر");
    assertThat(duplicates("ar", 1)).isEqualTo("حُجب تنبيه مكرر واحد");
    assertThat(duplicates("ar", 2)).isEqualTo("حُجب تنبيهان مكرران");
    assertThat(duplicates("ar", 3)).isEqualTo("حُجبت 3 تنبيهات مكررة");
    assertThat(duplicates("ar", 11)).isEqualTo("حُجب 11 تنبيهًا مكررًا");
    assertThat(duplicates("ar", 100)).isEqualTo("حُجب 100 تنبيه مكرر");
  }

  @Test
  void hebrewDuplicatesAreOmittedDuplicateAlerts() {
    assertThat(duplicates("he", 1)).isEqualTo("התראה כפולה אחת הושמטה");
    assertThat(duplicates("he", 2)).isEqualTo("שתי התראות כפולות הושמטו");
    assertThat(duplicates("he", 5)).isEqualTo("5 התראות כפולות הושמטו");
  }

  @Test
  void japaneseCountersTouchTheirNumber() {
    assertThat(duplicates("ja", 3)).isEqualTo("重複アラート 3件を抑制しました");
    assertThat(summary("ja", 3)).isEqualTo("レート制限により 3件のアラートを抑制しました");
    assertThat(messages("ja").text("alert.repeat")).endsWith("（再通知）");
  }

  @Test
  void chineseSummaryNamesTheRateLimitAsTheCause() {
    assertThat(summary("zh", 3)).isEqualTo("因速率限制，已抑制 3 条告警");
  }

  @Test
  void russianFooterAndFewFormsAgree() {
    assertThat(messages("ru").format("email.footer", Map.of("tenant", "Acme", "id", "n-1")))
        .startsWith("Отправлено системой Klaxon команде Acme");
    assertThat(duplicates("ru", 3)).isEqualTo("3 дубликата подавлены");
    assertThat(summary("ru", 3)).isEqualTo("3 оповещения подавлены ограничением частоты");
    assertThat(duplicates("ru", 5)).isEqualTo("5 дубликатов подавлено");
  }
}
