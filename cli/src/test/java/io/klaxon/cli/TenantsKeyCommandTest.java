package io.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.contract.ApiKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantsKeyCommandTest {
  private static final Pattern KEY = Pattern.compile("^  (klx_\\S+)$", Pattern.MULTILINE);
  private static final Pattern HASH = Pattern.compile("^    hash: (\\S+)$", Pattern.MULTILINE);

  @TempDir
  Path dir;

  private static String group(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    assertThat(matcher.find()).as(text).isTrue();
    return matcher.group(1);
  }

  @Test
  void printsANewKeyOnceAndTheEntryThatMakesTheFileAcceptIt() throws Exception {
    CliRun run = CliRun.of("tenants", "key", "new", "acme", "--id", "prometheus");

    assertThat(run.code()).isZero();
    String key = group(KEY, run.out());
    assertThat(group(HASH, run.out())).isEqualTo(ApiKeys.hash(key));
    assertThat(run.out()).contains("  - id: prometheus").doesNotContain("expiresAt");
    assertThat(CliRun.of("tenants", "key", "new", "acme").out()).doesNotContain(key);

    // The printed entry, pasted into the tenant file, is valid.
    String entry = run.out().substring(run.out().indexOf("apiKeys:"), run.out().indexOf("Clients send"));
    Path file = dir.resolve("acme.yaml");
    Files.writeString(file, "tenantId: acme\ntier: TRIAL\n" + entry);
    CliRun validate = CliRun.of("tenants", "validate", file.toString());
    assertThat(validate.code()).as(validate.err()).isZero();
  }

  @Test
  void anExpiryIsADurationFromNowOrADate() {
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    CliRun relative = CliRun.of("tenants", "key", "new", "acme", "--expires", "90d");
    CliRun dated = CliRun.of("tenants", "key", "new", "acme", "--expires", "2027-06-30");

    Instant expiry = Instant.parse(group(Pattern.compile("^    expiresAt: (\\S+)$", Pattern.MULTILINE), relative.out()));
    assertThat(expiry).isBetween(before.plus(90, ChronoUnit.DAYS), Instant.now().plus(90, ChronoUnit.DAYS));
    assertThat(dated.out()).contains("    expiresAt: 2027-06-30T00:00:00Z");
  }

  @Test
  void badArgumentsAreUsageErrors() {
    assertThat(CliRun.of("tenants", "key", "new", "Not A Tenant").code()).isEqualTo(2);
    assertThat(CliRun.of("tenants", "key", "new", "acme", "--id", "no spaces").code()).isEqualTo(2);
    assertThat(CliRun.of("tenants", "key", "new", "acme", "--expires", "soon").code()).isEqualTo(2);
  }

  @Test
  void aTenantWithKeysCannotBeWrittenWithSchemaVersionOne() throws Exception {
    Path file = dir.resolve("acme.yaml");
    Files.writeString(file, "tenantId: acme\ntier: TRIAL\napiKeys:\n  - id: ci\n    hash: " + ApiKeys.hash("klx_x") + "\n");

    CliRun run = CliRun.of("tenants", "apply", "--dry-run", "--schema-version", "1", file.toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("apiKeys").contains("nothing published");
  }
}
