package io.klaxon.cli.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.CriticalInWindow;
import io.klaxon.events.MaintenanceWindow;
import io.klaxon.events.MatchOp;
import io.klaxon.events.Weekday;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaintenanceWindowsReaderTest {
  @TempDir
  Path dir;

  private TenantFileParser.FileResult parse(String windows) throws IOException {
    Path file = dir.resolve("acme.yaml");
    Files.writeString(file, "tenantId: acme\ntier: standard\ntimeZone: Europe/Paris\n" + windows);
    return new TenantFileParser().parse(file);
  }

  private static List<String> errors(TenantFileParser.FileResult result) {
    return result.problems().stream().filter(Problem::isError).map(Problem::toString).toList();
  }

  @Test
  void readsWindowsWithDaysTimesMatchersAndCritical() throws IOException {
    TenantFileParser.FileResult result = parse("""
        maintenanceWindows:
          - name: saturday-patching
            days: [saturday, Sunday]
            start: "22:00"
            end: "02:30"
            matchers: ['env="prod"', 'service=~"db-.*"']
            critical: suppress
          - name: nightly
            days: [monday]
            start: "00:00"
            end: "24:00"
        """);

    assertThat(errors(result)).isEmpty();
    List<MaintenanceWindow> windows = result.tenant().orElseThrow().getMaintenanceWindows();
    assertThat(windows).hasSize(2);
    MaintenanceWindow first = windows.get(0);
    assertThat(first.getDays()).containsExactly(Weekday.SATURDAY, Weekday.SUNDAY);
    assertThat(first.getStartMinute()).isEqualTo(22 * 60);
    assertThat(first.getEndMinute()).isEqualTo(2 * 60 + 30);
    assertThat(first.getMatchers()).extracting(m -> m.getOp()).containsExactly(MatchOp.EQ, MatchOp.REGEX);
    assertThat(first.getCritical()).isEqualTo(CriticalInWindow.SUPPRESS);
    assertThat(windows.get(1).getCritical()).isEqualTo(CriticalInWindow.PASS);
    assertThat(windows.get(1).getEndMinute()).isEqualTo(24 * 60);
  }

  @Test
  void everyProblemIsNamedWithFileLineColumnAndPath() throws IOException {
    TenantFileParser.FileResult result = parse("""
        maintenanceWindows:
          - name: w
            days: [caturday]
            start: "25:00"
            end: "2pm"
            matchers: ['env=="x"']
            critical: maybe
          - name: w
            days: []
            start: "24:00"
            end: "01:00"
        """);

    assertThat(errors(result)).anySatisfy(e -> assertThat(e).matches(".*acme\\.yaml:6:\\d+: maintenanceWindows\\[0\\]\\.days\\[0\\]: unknown weekday 'caturday'.*"))
        .anySatisfy(e -> assertThat(e).contains(":7:").contains("maintenanceWindows[0].start: '25:00' is not a time of day"))
        .anySatisfy(e -> assertThat(e).contains("maintenanceWindows[0].end: '2pm' is not a time of day"))
        .anySatisfy(e -> assertThat(e).contains("maintenanceWindows[0].matchers[0]: not a matcher"))
        .anySatisfy(e -> assertThat(e).contains("maintenanceWindows[0].critical: unknown criticalinwindow 'maybe'"))
        .anySatisfy(e -> assertThat(e).contains("maintenanceWindows[1].name: duplicate window name 'w'"))
        .anySatisfy(e -> assertThat(e).contains("maintenanceWindows[1].days: a window needs at least one day"))
        .anySatisfy(e -> assertThat(e).contains("maintenanceWindows[1].start: '24:00' is not a time of day"));
    assertThat(result.tenant()).isEmpty();
  }
}
