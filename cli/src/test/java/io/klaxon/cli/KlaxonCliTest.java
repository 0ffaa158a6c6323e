package io.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the klaxon command in-process: exit codes, help, and which stream each message goes to. */
class KlaxonCliTest {
  @TempDir
  Path dir;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = KlaxonCli.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void topLevelHelpListsCommandsAndExitCodes() {
    Run run = run("--help");

    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("Usage: klaxon", "tenants", "send", "dlq", "Exit codes:", "2   usage error");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void retainEveryRefusesWhatIsNotAPeriodOfAMinuteOrMore() {
    Run word = run("tenants", "retain", "--every", "hourly");
    Run short_ = run("tenants", "retain", "--every", "10s");

    assertThat(word.code()).isEqualTo(2);
    assertThat(word.err()).contains("--every 'hourly': expected a duration such as");
    assertThat(short_.code()).isEqualTo(2);
    assertThat(short_.err()).contains("--every '10s': at least 1m");
  }

  @Test
  void everySubcommandHasHelp() {
    for (String[] command : new String[][] {
        {"tenants", "validate", "--help"}, {"tenants", "apply", "--help"}, {"send", "--help"},
        {"dlq", "tail", "--help"}, {"dlq", "replay", "--help"}, {"tenants", "erase", "--help"}}) {
      Run run = run(command);
      assertThat(run.code()).as(String.join(" ", command)).isZero();
      assertThat(run.out()).as(String.join(" ", command)).contains("Usage: klaxon " + command[0], "Exit codes:");
    }
    assertThat(run("tenants", "apply", "--help").out()).contains("--dry-run", "--delete", "--bootstrap-servers",
        "--schema-registry-url", "klaxon.tenants.v1");
  }

  @Test
  void usageErrorsExitWithTwoOnStderr() {
    Run unknown = run("tenants", "validate", "--frobnicate", "x.yaml");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("Unknown option: '--frobnicate'");
    assertThat(unknown.out()).isEmpty();

    Run missing = run("tenants", "validate");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("Missing required parameter: 'FILE|DIR'");

    Run noReason = run("dlq", "replay");
    assertThat(noReason.code()).isEqualTo(2);
    assertThat(noReason.err()).contains("Missing required option: '--reason=<reason>'");

    Run badReason = run("dlq", "replay", "--reason", "NOPE");
    assertThat(badReason.code()).isEqualTo(2);
    assertThat(badReason.err()).contains("Invalid value for option '--reason'");

    Run sendWithoutTitle = run("send", "--tenant", "acme", "--severity", "critical");
    assertThat(sendWithoutTitle.code()).isEqualTo(2);
    assertThat(sendWithoutTitle.err()).contains("--tenant, --severity and --title are required");

    Run badTenant = run("send", "--tenant", "ACME!", "--severity", "HIGH", "--title", "t");
    assertThat(badTenant.code()).isEqualTo(2);
    assertThat(badTenant.err()).contains("--tenant 'ACME!' is not a tenant id");

    Run eraseBadId = run("tenants", "erase", "ACME!");
    assertThat(eraseBadId.code()).isEqualTo(2);
    assertThat(eraseBadId.err()).contains("TENANT_ID 'ACME!' is not a tenant id");
    Run eraseBadWait = run("tenants", "erase", "acme", "--wait", "soon");
    assertThat(eraseBadWait.code()).isEqualTo(2);
    assertThat(eraseBadWait.err()).contains("--wait: ");

    Run applyNothing = run("tenants", "apply");
    assertThat(applyNothing.code()).isEqualTo(2);
    assertThat(applyNothing.err()).contains("give tenant files or directories, or --delete TENANT_ID");
  }

  @Test
  void validateExamplesExitsZeroWithSummary() {
    Run run = run("tenants", "validate", "../examples/tenants");

    assertThat(run.code()).isZero();
    assertThat(run.out()).isEqualTo("6 files, 6 valid, 0 errors" + System.lineSeparator());
    assertThat(run.err()).isEmpty();
  }

  @Test
  void validateListsEveryErrorOnStderrAndExitsOne() throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "tenantId: bad\ntier: GOLD\ntimeZone: Nowhere/City\n");

    Run run = run("tenants", "validate", bad.toString(), "../examples/tenants/acme.yaml");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err().lines()).containsExactly(
        bad + ":2:7: tier: unknown tier 'GOLD'; one of ENTERPRISE, PROFESSIONAL, STANDARD, TRIAL",
        bad + ":3:11: timeZone: unknown IANA time zone 'Nowhere/City'");
    assertThat(run.out()).contains("2 files, 1 valid, 2 errors");
  }

  @Test
  void applyPublishesNothingWhenAnyFileIsInvalid() throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "tenantId: bad\n");

    // The broker address is unreachable: reaching it would fail differently (and slowly).
    Run run = run("tenants", "apply", "--bootstrap-servers", "127.0.0.1:1", "../examples/tenants", bad.toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains(bad + ":1:1: tier: required field is missing", "nothing published");
    assertThat(run.out()).contains("7 files, 6 valid, 1 error").doesNotContain("published tenant");
  }

  @Test
  void applyDryRunListsWhatWouldBePublished() {
    Run run = run("tenants", "apply", "--dry-run", "--delete", "old-tenant", "../examples/tenants");

    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("would publish tenant acme to klaxon.tenants.v1",
        "would publish tenant umbrella to klaxon.tenants.v1", "would delete tenant old-tenant from klaxon.tenants.v1");
  }

  @Test
  void aTenantWithAPagerDutyTargetCannotBeWrittenWithSchemaVersionOne() {
    Run v1 = run("tenants", "apply", "--dry-run", "--schema-version", "1", "../examples/tenants/umbrella.yaml");
    Run latest = run("tenants", "apply", "--dry-run", "../examples/tenants/umbrella.yaml");

    assertThat(v1.code()).isEqualTo(1);
    assertThat(v1.err()).contains("tenant umbrella", "pagerduty", "nothing published");
    assertThat(latest.code()).isZero();
  }

  @Test
  void applyRefusesAMalformedTenantIdToDelete() {
    Run run = run("tenants", "apply", "--dry-run", "--delete", "Not Valid");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("--delete 'Not Valid' is not a tenant id");
  }

  @Test
  void sendWithBadJsonIsAUsageError() throws IOException {
    Path json = dir.resolve("event.json");
    Files.writeString(json, "{\"tenantId\": \"acme\", \"severity\": \"LOUD\", \"source\": \"s\", \"title\": \"t\"}");

    Run run = run("send", "--json", json.toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("--json " + json + ": severity: unknown value 'LOUD'");
  }
}
