package io.klaxon.cli.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateOverridesReaderTest {
  @TempDir
  Path dir;

  private TenantFileParser.FileResult parse(String overrides) throws IOException {
    return TenantFileFixture.parse(dir, "templateOverrides:\n" + overrides.indent(2));
  }

  private static List<String> errors(TenantFileParser.FileResult result) {
    return TenantFileFixture.errors(result);
  }

  private static List<String> warnings(TenantFileParser.FileResult result) {
    return TenantFileFixture.warnings(result);
  }

  @Test
  void anOverrideOfAKnownKeyInEveryLocaleOrInOneIsKept() throws IOException {
    TenantFileParser.FileResult result = parse("""
        "alert.subject/fr": "[{severity}] {status, select, RESOLVED {Résolue} other {À traiter}}\\u202F: {title} — {tenant}"
        "field.source": "Origin"
        "alert.headline/zh-Hant-TW": "{status, select, RESOLVED {已解決} other {觸發中}}：{title}"
        """);

    assertThat(errors(result)).isEmpty();
    assertThat(warnings(result)).isEmpty();
    assertThat(result.tenant().orElseThrow().getTemplateOverrides()).containsOnlyKeys(
        "alert.subject/fr", "field.source", "alert.headline/zh-Hant-TW");
  }

  @Test
  void aKeyKlaxonDoesNotHaveIsAnErrorWithTheClosestKnownOne() throws IOException {
    TenantFileParser.FileResult result = parse("""
        "slack.title/fr": "[{severity}] {title}"
        "alert.headlin": "{title}"
        """);

    assertThat(errors(result)).anySatisfy(e -> assertThat(e).contains("acme.yaml:7:3: templateOverrides.slack.title/fr: "
        + "unknown message key 'slack.title'").contains("key/locale, e.g. alert.headline/fr"));
    assertThat(errors(result)).anySatisfy(e -> assertThat(e).contains("templateOverrides.alert.headlin: unknown message key "
        + "'alert.headlin' (did you mean 'alert.headline'?)"));
    assertThat(result.tenant()).isEmpty();
  }

  @Test
  void aLocaleTheNotifierWouldNeverMatchIsAnError() throws IOException {
    TenantFileParser.FileResult result = parse("""
        "field.source/fr_CA": "Origine"
        "field.source/fr-ca": "Origine"
        "field.source/": "Origine"
        """);

    assertThat(errors(result)).anySatisfy(e -> assertThat(e).contains("templateOverrides.field.source/fr_CA: 'fr_CA' is not "
        + "a well-formed BCP 47 language tag"));
    assertThat(errors(result)).anySatisfy(e -> assertThat(e).contains("templateOverrides.field.source/fr-ca: write the "
        + "locale as 'fr-CA'"));
    assertThat(errors(result)).anySatisfy(e -> assertThat(e).contains("templateOverrides.field.source/: '' is not a well-formed BCP 47 language tag"));
  }

  @Test
  void aPatternThatIsNotMessageFormatIsAnErrorNamingItsPosition() throws IOException {
    TenantFileParser.FileResult result = parse("""
        "alert.headline/fr": "ALERTE {title"
        "alert.duplicates/fr": "{count, plural, one {# doublon}}"
        """);

    assertThat(errors(result)).anySatisfy(e -> assertThat(e).contains("templateOverrides.alert.headline/fr: not an ICU "
        + "MessageFormat pattern").contains("position 7"));
    assertThat(errors(result)).anySatisfy(e -> assertThat(e).contains("templateOverrides.alert.duplicates/fr: "));
  }

  @Test
  void aSelectorThatIcuTakesForOtherOnlyWhileParsingIsAnError() throws IOException {
    TenantFileParser.FileResult result = parse("""
        "alert.duplicates/nl": "{count, plural, one {# duplicaat} ot {# duplicaten}}"
        """);

    assertThat(errors(result)).singleElement().asString().contains("templateOverrides.alert.duplicates/nl: not an ICU "
        + "MessageFormat pattern: {count, plural} has no 'other' case at position 0");
  }

  @Test
  void sayingLessThanKlaxonsTextIsOnlyAWarning() throws IOException {
    TenantFileParser.FileResult result = parse("""
        "alert.subject": "{title}"
        """);

    assertThat(errors(result)).isEmpty();
    assertThat(warnings(result)).anySatisfy(w -> assertThat(w).contains("templateOverrides.alert.subject: argument {severity} "
        + "is missing"));
    assertThat(result.tenant()).isPresent();
  }
}
