package io.klaxon.cli.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.Channel;
import io.klaxon.events.ChannelLimit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotificationLimitsReaderTest {
  private static final String TARGETS = """
      targets:
        - {id: pages, slack: {channel: "#pages"}}
        - {id: mail, email: {to: [ops@example.com]}}
      """;

  @TempDir
  Path dir;

  private TenantFileParser.FileResult parse(String rest) throws IOException {
    Path file = dir.resolve("acme.yaml");
    Files.writeString(file, "tenantId: acme\ntier: standard\n" + TARGETS + rest);
    return new TenantFileParser().parse(file);
  }

  private static List<String> problems(TenantFileParser.FileResult result, boolean errors) {
    return result.problems().stream().filter(p -> p.isError() == errors).map(Problem::toString).toList();
  }

  @Test
  void readsOneLimitPerChannelWithBurstDefaultingToPerMinute() throws IOException {
    TenantFileParser.FileResult result = parse("""
        notificationLimits:
          slack: {perMinute: 30, burst: 10}
          email: {perMinute: 5}
        """);

    assertThat(problems(result, true)).isEmpty();
    assertThat(problems(result, false)).isEmpty();
    assertThat(result.tenant().orElseThrow().getNotificationLimits()).containsExactly(
        new ChannelLimit(Channel.SLACK, 30, 10), new ChannelLimit(Channel.EMAIL, 5, null));
    assertThat(parse("").tenant().orElseThrow().getNotificationLimits()).isEmpty();
  }

  @Test
  void anUnknownChannelAMissingRateAndOutOfRangeNumbersAreRefusedByName() throws IOException {
    TenantFileParser.FileResult result = parse("""
        notificationLimits:
          sms: {perMinute: 10}
          slack: {burst: 0}
          email: {perMinute: 1000000, every: 1m}
        """);

    assertThat(result.tenant()).isEmpty();
    assertThat(problems(result, true))
        .anySatisfy(e -> assertThat(e).contains("notificationLimits.sms: unknown field"))
        .anySatisfy(e -> assertThat(e).contains("notificationLimits.slack.perMinute: required field is missing"))
        .anySatisfy(e -> assertThat(e).contains("notificationLimits.slack.burst: must be positive, found 0"))
        .anySatisfy(e -> assertThat(e).contains("notificationLimits.email.perMinute: 1000000 is more than 100000"))
        .anySatisfy(e -> assertThat(e).contains("notificationLimits.email.every: unknown field"));
    assertThat(problems(parse("notificationLimits: [slack]\n"), true))
        .anySatisfy(e -> assertThat(e).contains("notificationLimits: expected a map"));
  }

  @Test
  void aLimitOnAChannelWithoutTargetsIsAWarning() throws IOException {
    TenantFileParser.FileResult result = parse("notificationLimits: {webhook: {perMinute: 60}}\n");

    assertThat(problems(result, true)).isEmpty();
    assertThat(problems(result, false))
        .anySatisfy(w -> assertThat(w).contains("notificationLimits.webhook: has no effect: the tenant has no webhook target"));
    assertThat(result.tenant().orElseThrow().getNotificationLimits()).containsExactly(new ChannelLimit(Channel.WEBHOOK, 60, null));
  }
}
