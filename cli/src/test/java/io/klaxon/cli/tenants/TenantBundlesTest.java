package io.klaxon.cli.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.contract.DeliveryProfiles;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.TenantConfig;
import io.klaxon.i18n.BuiltInBundles;
import io.klaxon.i18n.TenantBundleLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tenant's own bundles and its targets' locales in tenant files. */
class TenantBundlesTest {
  @TempDir
  Path dir;

  private final TenantFileParser parser = new TenantFileParser();

  private TenantFileParser.FileResult parse(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return parser.parse(file);
  }

  private String at(String name) {
    return dir.resolve(name).toString();
  }

  private static List<String> lines(TenantFileParser.FileResult result) {
    return result.problems().stream().map(Problem::toString).toList();
  }

  @Test
  void theExampleDutchTenantCarriesItsBundleInItsDeliveryProfileAndAnEnglishTarget() {
    TenantFileParser.FileResult result = parser.parse(Path.of("..", "examples", "tenants", "hoogland.yaml"));

    assertThat(result.problems()).isEmpty();
    TenantConfig tenant = result.tenant().orElseThrow();
    assertThat(tenant.getDefaultLocale()).isEqualTo("nl");
    assertThat(DeliveryProfiles.of(tenant).getMessageBundles().get("nl")).containsEntry("field.severity", "Ernst")
        .as("a translation of every message Klaxon has").containsOnlyKeys(BuiltInBundles.english().keySet());
    assertThat(tenant.getTargets()).filteredOn(t -> t.getId().equals("board-email")).extracting(ChannelTarget::getLocale)
        .containsExactly("en");
  }

  @Test
  void aBrokenDutchBundleIsRefusedNamingTheKeyAndTheMissingPluralCategory() throws IOException {
    TenantFileParser.FileResult result = parse("hoogland.yaml", """
        tenantId: hoogland
        tier: TRIAL
        defaultLocale: nl
        messageBundles:
          nl:
            alert.duplicates: "{count, plural, other {# duplicaten onderdrukt}}"
            alert.headline: "{status, select, other {Actief}}: {titel}"
            alert.repaet: "Nog steeds actief"
        """);

    assertThat(result.isValid()).isFalse();
    assertThat(lines(result)).contains(
        at("hoogland.yaml") + ":6:5: messageBundles.nl.alert.duplicates: plural {count} lacks the CLDR plural category"
            + " one of nl (it needs one, other)",
        at("hoogland.yaml") + ":8:5: messageBundles.nl.alert.repaet: unknown message key (did you mean 'alert.repeat'?)");
    assertThat(lines(result)).anySatisfy(line -> assertThat(line)
        .startsWith(at("hoogland.yaml") + ":7:5: messageBundles.nl.alert.headline: ")
        .contains("argument {title} is missing", "{titel}", "select {status} lacks RESOLVED"));
    assertThat(lines(result)).anySatisfy(line -> assertThat(line)
        .isEqualTo(at("hoogland.yaml") + ":5:3: warning: messageBundles.nl.field.kind: missing: shown in English"));
  }

  @Test
  void aBundleFileBesideTheTenantFileIsReadAndItsProblemsPointIntoIt() throws IOException {
    Files.createDirectories(dir.resolve("bundles"));
    Files.writeString(dir.resolve("bundles/pl.properties"), """
        # Polish, partly
        field.status = Status
        alert.duplicates = {count, plural, one {# duplikat} other {# duplikatów}}
        """);

    TenantFileParser.FileResult result = parse("wisla.yaml", """
        tenantId: wisla
        tier: TRIAL
        defaultLocale: pl
        messageBundles:
          pl: bundles/pl.properties
        """);

    String bundle = dir.resolve("bundles/pl.properties").toString();
    assertThat(lines(result)).contains(bundle + ":3:1: messageBundles.pl.alert.duplicates: plural {count} lacks the CLDR"
        + " plural categories few, many of pl (it needs one, few, many, other)");
    assertThat(lines(result)).noneSatisfy(line -> assertThat(line).contains("defaultLocale"));
  }

  @Test
  void aValidBundleFileMakesItsLanguageAUsableLocaleForTheTenantAndItsTargets() throws IOException {
    Files.writeString(dir.resolve("tr.properties"), "field.status=Durum\nfield.source=Kaynak\n");

    TenantFileParser.FileResult result = parse("anka.yaml", """
        tenantId: anka
        tier: TRIAL
        defaultLocale: tr
        targets:
          - id: mail
            locale: tr
            email: {to: [ops@anka.example]}
          - id: chat
            locale: ja-JP
            slack: {channel: "#ops"}
        messageBundles:
          tr: tr.properties
          fr: {alert.repeat: "Toujours là"}
        """);

    assertThat(result.isValid()).as(lines(result).toString()).isTrue();
    assertThat(lines(result)).allSatisfy(line -> assertThat(line).contains("warning: messageBundles.tr.").endsWith("missing: shown in English"));
    TenantConfig tenant = result.tenant().orElseThrow();
    assertThat(tenant.getDelivery().getMessageBundles()).containsOnlyKeys("tr", "fr");
    assertThat(tenant.getTargets()).extracting(ChannelTarget::getLocale).containsExactly("tr", "ja-JP");
  }

  @Test
  void aTargetLocaleIsCheckedLikeTheDefaultLocale() throws IOException {
    TenantFileParser.FileResult result = parse("acme.yaml", """
        tenantId: acme
        tier: TRIAL
        targets:
          - id: mail
            locale: "not a tag!"
            email: {to: [ops@acme.example]}
          - id: chat
            locale: sv
            slack: {channel: "#ops"}
        """);

    assertThat(lines(result)).containsExactly(
        at("acme.yaml") + ":5:13: targets[0].locale: 'not a tag!' is not a well-formed BCP 47 language tag (for example fr, de-CH, zh-Hans)",
        at("acme.yaml") + ":8:13: warning: targets[1].locale: no notification texts for 'sv'; English is used "
            + "(supported: en fr de es it pt ru zh ja ko ar he)");
  }

  @Test
  void bundlesAreBoundedInSizeAndNeedAPlainLanguageTag() throws IOException {
    TenantFileParser.FileResult result = parse("acme.yaml", """
        tenantId: acme
        tier: TRIAL
        messageBundles:
          nl-x-private: {field.status: "Status"}
          fr: {field.status: "%s"}
          de: /etc/bundle.properties
          it: missing.properties
        """.formatted("x".repeat(TenantBundleLimits.MAX_BUNDLE_CHARS)));

    List<String> lines = lines(result);
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(at("acme.yaml") + ":4:3: messageBundles.nl-x-private: a bundle's locale is"));
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(at("acme.yaml") + ":5:3: messageBundles.fr: the bundle holds "));
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(at("acme.yaml") + ":6:7: messageBundles.de: a bundle file is given relative"));
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(at("acme.yaml") + ":7:7: messageBundles.it: no such bundle file " + dir.resolve("missing.properties")));
  }
}
