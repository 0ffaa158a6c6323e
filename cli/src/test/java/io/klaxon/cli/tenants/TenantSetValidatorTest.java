package io.klaxon.cli.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantSetValidatorTest {
  @TempDir
  Path dir;

  @Test
  void duplicateTenantIdAcrossFilesInvalidatesBothAndNamesTheOther() throws IOException {
    Files.writeString(dir.resolve("acme.yaml"), "tenantId: acme\ntier: TRIAL\n");
    Files.writeString(dir.resolve("acme-copy.yaml"), "# copy\ntenantId: acme\ntier: STANDARD\n");
    Files.writeString(dir.resolve("globex.json"), "{\"tenantId\": \"globex\", \"tier\": \"TRIAL\"}");
    Files.writeString(dir.resolve("notes.txt"), "not a tenant file");

    TenantSetValidator.Report report = new TenantSetValidator().validate(List.of(dir));

    assertThat(report.files()).hasSize(3);
    assertThat(report.allValid()).isFalse();
    assertThat(report.tenants()).extracting(t -> t.getTenantId()).containsExactly("globex");
    assertThat(report.problems().stream().filter(Problem::isError).map(Problem::toString)).containsExactly(
        dir.resolve("acme-copy.yaml") + ":2:11: tenantId: duplicate tenant id 'acme' (also defined in " + dir.resolve("acme.yaml") + ")",
        dir.resolve("acme.yaml") + ":1:11: tenantId: duplicate tenant id 'acme' (also defined in " + dir.resolve("acme-copy.yaml") + ")");
    assertThat(report.summary()).isEqualTo("3 files, 1 valid, 2 errors, 1 warning");
  }

  @Test
  void errorsOfEveryFileAndMissingInputsAreAllCollected() throws IOException {
    Files.writeString(dir.resolve("one.yaml"), "tenantId: one\ntier: GOLD\n");
    Files.writeString(dir.resolve("two.yaml"), "tenantId: two\ntier: TRIAL\ntimeZone: Mars/Olympus\n");
    Path missing = dir.resolve("missing.yaml");

    TenantSetValidator.Report report = new TenantSetValidator()
        .validate(List.of(dir.resolve("one.yaml"), dir.resolve("two.yaml"), missing));

    assertThat(report.problems()).extracting(Problem::toString).containsExactly(
        missing + ": no such file or directory",
        dir.resolve("one.yaml") + ":2:7: tier: unknown tier 'GOLD'; one of ENTERPRISE, PROFESSIONAL, STANDARD, TRIAL",
        dir.resolve("two.yaml") + ":3:11: timeZone: unknown IANA time zone 'Mars/Olympus'");
    assertThat(report.summary()).isEqualTo("2 files, 0 valid, 3 errors");
  }

  @Test
  void emptyDirectoryIsAnError() {
    TenantSetValidator.Report report = new TenantSetValidator().validate(List.of(dir));

    assertThat(report.allValid()).isFalse();
    assertThat(report.problems()).extracting(Problem::toString)
        .containsExactly(dir + ": directory has no .yaml, .yml or .json files");
  }
}
