package io.klaxon.cli.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.DigestPolicy;
import io.klaxon.events.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestPolicyReaderTest {
  @TempDir
  Path dir;

  private TenantFileParser.FileResult parse(String rest) throws IOException {
    Path file = dir.resolve("acme.yaml");
    Files.writeString(file, "tenantId: acme\ntier: standard\n" + rest);
    return new TenantFileParser().parse(file);
  }

  private static List<String> problems(TenantFileParser.FileResult result, boolean errors) {
    return result.problems().stream().filter(p -> p.isError() == errors).map(Problem::toString).toList();
  }

  @Test
  void readsTheDigestAndItsDefaults() throws IOException {
    TenantFileParser.FileResult result = parse("""
        features: [digest]
        digest: {window: 30m, maxSeverity: INFO, topTitles: 3}
        """);
    assertThat(problems(result, true)).isEmpty();
    assertThat(problems(result, false)).isEmpty();
    DigestPolicy digest = result.tenant().orElseThrow().getDigest();
    assertThat(digest.getWindowMs()).isEqualTo(30 * 60_000);
    assertThat(digest.getMaxSeverity()).isEqualTo(Severity.INFO);
    assertThat(digest.getTopTitles()).isEqualTo(3);

    DigestPolicy defaults = parse("features: [digest]\ndigest: {}\n").tenant().orElseThrow().getDigest();
    assertThat(defaults.getWindowMs()).isEqualTo(3_600_000);
    assertThat(defaults.getMaxSeverity()).isEqualTo(Severity.WARNING);
    assertThat(defaults.getTopTitles()).isEqualTo(5);
    assertThat(parse("features: [digest]\n").tenant().orElseThrow().getDigest()).isNull();
  }

  @Test
  void aZeroWindowACriticalDigestAndTooManyTitlesAreRefusedByName() throws IOException {
    TenantFileParser.FileResult result = parse("""
        features: [digest]
        digest: {window: 0, maxSeverity: critical, topTitles: 50, every: 1h}
        """);

    assertThat(problems(result, true))
        .anySatisfy(e -> assertThat(e).contains("digest.window: '0' is out of range: from 1m to 1d"))
        .anySatisfy(e -> assertThat(e).contains("digest.maxSeverity: CRITICAL alerts are never held back"))
        .anySatisfy(e -> assertThat(e).contains("digest.topTitles: 50 is more than 20"))
        .anySatisfy(e -> assertThat(e).contains("digest.every"));
    assertThat(problems(parse("digest: {window: 5h}\n"), false))
        .anySatisfy(w -> assertThat(w).contains("digest: has no effect: features does not list digest"));
  }
}
