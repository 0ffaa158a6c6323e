package io.klaxon.cli.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.GroupPolicy;
import io.klaxon.events.RoutingRule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupPolicyReaderTest {
  @TempDir
  Path dir;

  private TenantFileParser.FileResult parse(String group) throws IOException {
    return TenantFileFixture.parse(dir, """
        routes:
          - name: pages
            targets: [oncall]
        """ + group.indent(4));
  }

  private static List<String> errors(TenantFileParser.FileResult result) {
    return TenantFileFixture.errors(result);
  }

  private static RoutingRule route(TenantFileParser.FileResult result) {
    return result.tenant().orElseThrow().getRoutes().get(0);
  }

  @Test
  void readsAGroupWithItsTimings() throws IOException {
    TenantFileParser.FileResult result = parse("""
        group:
          groupBy: [cluster, alertname]
          groupWait: 10s
          groupInterval: 2m
          repeatInterval: 3h
        """);

    assertThat(errors(result)).isEmpty();
    GroupPolicy group = route(result).getGroup();
    assertThat(group.getGroupBy()).containsExactly("cluster", "alertname");
    assertThat(group.getGroupWaitMs()).isEqualTo(10_000);
    assertThat(group.getGroupIntervalMs()).isEqualTo(120_000);
    assertThat(group.getRepeatIntervalMs()).isEqualTo(3 * 3_600_000);
  }

  @Test
  void anEmptyGroupTakesAlertmanagersDefaultsAndNoGroupMeansNoGrouping() throws IOException {
    GroupPolicy group = route(parse("group: {}\n")).getGroup();
    assertThat(group.getGroupBy()).isEmpty();
    assertThat(group.getGroupWaitMs()).isEqualTo(30_000);
    assertThat(group.getGroupIntervalMs()).isEqualTo(300_000);
    assertThat(group.getRepeatIntervalMs()).isEqualTo(4 * 3_600_000);
    assertThat(group.getGroupWaitMs()).isEqualTo(30_000);

    assertThat(route(parse("")).getGroup()).isNull();
    assertThat(route(parse("group:\n  groupBy: ['...']\n  groupWait: 0\n")).getGroup().getGroupBy()).containsExactly("...");
  }

  @Test
  void everyBadValueIsNamedByItsPath() throws IOException {
    TenantFileParser.FileResult result = parse("""
        group:
          groupBy: [cluster, cluster, "not a label", "..."]
          groupWait: 2h
          groupInterval: 0
          repeatInterval: soon
          groupByLabels: [x]
        """);

    assertThat(errors(result))
        .anySatisfy(e -> assertThat(e).contains("routes[0].group.groupBy[1]: duplicate label name 'cluster'"))
        .anySatisfy(e -> assertThat(e).contains("routes[0].group.groupBy[2]: 'not a label' is not a label name"))
        .anySatisfy(e -> assertThat(e).contains("routes[0].group.groupBy[3]: '...' groups by every label and stands alone"))
        .anySatisfy(e -> assertThat(e).contains("routes[0].group.groupWait: '2h' is out of range: from 0 to 1h"))
        .anySatisfy(e -> assertThat(e).contains("routes[0].group.groupInterval: '0' is out of range: from 1s to 1d"))
        .anySatisfy(e -> assertThat(e).contains("routes[0].group.repeatInterval").contains("soon"))
        .anySatisfy(e -> assertThat(e).contains("groupByLabels"));
  }

  @Test
  void aRepeatShorterThanTheIntervalAndTooManyLabelsAreRefused() throws IOException {
    TenantFileParser.FileResult result = parse("""
        group:
          groupInterval: 10m
          repeatInterval: 5m
        """);
    assertThat(errors(result)).anySatisfy(e -> assertThat(e).contains(
        "routes[0].group.repeatInterval: must not be shorter than groupInterval (10m)"));

    String many = String.join(", ", java.util.stream.IntStream.rangeClosed(0, GroupPolicyReader.MAX_GROUP_BY)
        .mapToObj(i -> "l" + i).toList());
    assertThat(errors(parse("group:\n  groupBy: [" + many + "]\n"))).anySatisfy(e -> assertThat(e).contains(
        "routes[0].group.groupBy: 17 label names, at most 16 allowed"));
  }
}
