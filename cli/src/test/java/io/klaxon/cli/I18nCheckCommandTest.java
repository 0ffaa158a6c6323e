package io.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code klaxon i18n check}. */
class I18nCheckCommandTest {
  @TempDir
  Path dir;

  @Test
  void klaxonsOwnBundlesRenderWithinEveryLimit() {
    CliRun run = CliRun.of("i18n", "check");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).isEqualTo("14 built-in locales, 672 messages rendered, 0 errors" + System.lineSeparator());
  }

  @Test
  void theExampleTenantsBundlesRenderWithinEveryLimitToo() {
    CliRun run = CliRun.of("i18n", "check", "../examples/tenants");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("14 built-in locales, 6 tenants, 720 messages rendered, 0 errors" + System.lineSeparator());
  }

  @Test
  void aTenantsOverflowingTextMissingPluralFormAndOverrideAreReportedWithTheirKeys() throws IOException {
    Path file = dir.resolve("hoogland.yaml");
    Files.writeString(file, """
        tenantId: hoogland
        tier: TRIAL
        defaultLocale: nl
        messageBundles:
          nl:
            alert.duplicates: "{count, plural, other {# duplicaten onderdrukt}}"
            field.kind: "%s"
          ar:
            field.status: "\u202Eالحالة"
        """.formatted("Soort ".repeat(340)));

    CliRun run = CliRun.of("i18n", "check", file.toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains(
        file + ":6:5: messageBundles.nl.alert.duplicates: plural {count} lacks the CLDR plural category one of nl",
        file + ":9:5: messageBundles.ar.field.status: holds the bidi embedding or override U+202E",
        file + ":7:5: messageBundles.nl.field.kind: renders 2040 characters with sample values; a Slack section field takes 2000");
    assertThat(run.out()).contains("1 tenant", "3 errors");
  }
}
