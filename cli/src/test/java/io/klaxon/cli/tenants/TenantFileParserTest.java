package io.klaxon.cli.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.contract.TargetKind;
import io.klaxon.events.Channel;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.IsolationLevel;
import io.klaxon.events.MatchOp;
import io.klaxon.events.Severity;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantFileParserTest {
  @TempDir
  Path dir;

  private final TenantFileParser parser = new TenantFileParser();

  private static final String VALID = """
      tenantId: acme
      displayName: ACME Corp
      tier: enterprise
      defaultLocale: fr
      timeZone: Europe/Paris
      features: [suppression-summary]
      rateLimit: {perMinute: 12000, burst: 3000}
      dedupWindow: 5m
      repeatInterval: 1h30m
      isolationLevel: STRICT
      targets:
        - id: oncall-slack
          slack: {channel: "#acme-oncall", webhookUrlRef: "env:ACME_SLACK_WEBHOOK"}
        - id: ops-email
          email: {to: [ops@acme.example]}
        - id: siem
          webhook: {url: "https://siem.acme.example/hooks/klaxon", secretRef: "file:/run/secrets/siem"}
      routes:
        - name: critical-to-pager
          minSeverity: CRITICAL
          matchers: ['env="prod"', 'service=~"pay.*"']
          targets: [oncall-slack, siem]
          continue: true
      templateOverrides: {"alert.headline": "{status, select, RESOLVED {Resolved} other {Firing}}: {title}"}
      """;

  private TenantFileParser.FileResult parse(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return parser.parse(file);
  }

  private List<String> errors(TenantFileParser.FileResult result) {
    return result.problems().stream().filter(Problem::isError).map(Problem::toString).toList();
  }

  private String at(String name) {
    return dir.resolve(name).toString();
  }

  @Test
  void validFileBecomesTenantConfig() throws IOException {
    TenantFileParser.FileResult result = parse("acme.yaml", VALID);

    assertThat(result.problems()).isEmpty();
    TenantConfig t = result.tenant().orElseThrow();
    assertThat(t.getTenantId()).isEqualTo("acme");
    assertThat(t.getTier()).isEqualTo(Tier.ENTERPRISE);
    assertThat(t.getEnabled()).isTrue();
    assertThat(t.getDefaultLocale()).isEqualTo("fr");
    assertThat(t.getRateLimit().getPerMinute()).isEqualTo(12000);
    assertThat(t.getRateLimit().getCriticalBurst()).isNull();
    assertThat(t.getDedupWindowMs()).isEqualTo(300_000L);
    assertThat(t.getRepeatIntervalMs()).isEqualTo(5_400_000L);
    assertThat(t.getIsolationLevel()).isEqualTo(IsolationLevel.STRICT);
    assertThat(t.getTargets()).extracting(c -> c.getChannel()).containsExactly(Channel.SLACK, Channel.EMAIL, Channel.WEBHOOK);
    assertThat(t.getTargets().get(0).getSlack().getWebhookUrlRef()).isEqualTo("env:ACME_SLACK_WEBHOOK");
    assertThat(t.getRoutes().get(0).getMinSeverity()).isEqualTo(Severity.CRITICAL);
    assertThat(t.getRoutes().get(0).getContinueMatching()).isTrue();
    assertThat(t.getRoutes().get(0).getMatchers()).extracting(m -> m.getOp()).containsExactly(MatchOp.EQ, MatchOp.REGEX);
    assertThat(t.getTemplateOverrides()).containsEntry("alert.headline", "{status, select, RESOLVED {Resolved} other {Firing}}: {title}");
  }

  @Test
  void defaultsApplyWhenOptionalFieldsAreAbsent() throws IOException {
    TenantConfig t = parse("tiny.yaml", "tenantId: tiny\ntier: TRIAL\n").tenant().orElseThrow();

    assertThat(t.getDefaultLocale()).isEqualTo("en");
    assertThat(t.getTimeZone()).isEqualTo("UTC");
    assertThat(t.getDedupWindowMs()).isNull();
    assertThat(t.getRoutes()).isEmpty();
    assertThat(t.getIsolationLevel()).isNull();
  }

  @Test
  void unknownRouteTargetNamesFileLineColumnAndPath() throws IOException {
    TenantFileParser.FileResult result = parse("acme.yaml", VALID.replace("targets: [oncall-slack, siem]", "targets: [oncall-slack, pager]"));

    assertThat(result.isValid()).isFalse();
    assertThat(errors(result)).containsExactly(
        at("acme.yaml") + ":22:29: routes[0].targets[1]: unknown target id 'pager' (known: oncall-slack, ops-email, siem)");
  }

  @Test
  void everyErrorInAFileIsReportedWithItsLocation() throws IOException {
    String text = """
        tenantId: Acme
        tier: ENTERPRIZE
        defaultLocale: "x_y"
        timeZone: Europe/Pariss
        rateLimit: {perMinute: -5, brust: 3}
        dedupWindow: 5 minutes
        targets:
          - id: slack
            slack: {channel: "#a", webhookUrlRef: "https://hooks.slack.com/services/T000/B000/XXXX"}
          - id: mail
            email: {to: [not-an-address]}
          - id: mail
            webhook: {url: "http://siem.example/x", secretRef: "env:1BAD"}
          - id: both
            slack: {channel: "#b"}
            email: {to: [a@b.example]}
          - id: none
        routes:
          - name: r
            minSeverity: URGENT
            matchers: ['service=~"pay(.*"', 'oops']
            targets: [slack]
            continu: true
          - name: r
            targets: []
        """;
    TenantFileParser.FileResult result = parse("acme.yaml", text);
    String f = at("acme.yaml");

    assertThat(errors(result)).containsExactly(
        f + ":1:11: tenantId: 'Acme' does not match ^[a-z0-9][a-z0-9_-]{2,63}$",
        f + ":2:7: tier: unknown tier 'ENTERPRIZE' (did you mean 'ENTERPRISE'?); one of ENTERPRISE, PROFESSIONAL, STANDARD, TRIAL",
        f + ":3:16: defaultLocale: 'x_y' is not a well-formed BCP 47 language tag (for example fr, de-CH, zh-Hans)",
        f + ":4:11: timeZone: unknown IANA time zone 'Europe/Pariss' (did you mean 'Europe/Paris'?)",
        f + ":5:24: rateLimit.perMinute: must be positive, found -5",
        f + ":5:28: rateLimit.brust: unknown field (did you mean 'burst'?)",
        f + ":6:14: dedupWindow: '5 minutes' is not a duration such as 500ms, 30s, 5m, 1h30m or PT5M",
        f + ":9:43: targets[0].slack.webhookUrlRef: looks like a literal secret; put it in an environment variable or file and write env:NAME or file:/path",
        f + ":11:18: targets[1].email.to[0]: 'not-an-address' is not a valid e-mail address",
        f + ":12:9: targets[2].id: duplicate target id 'mail' (first defined at targets[1])",
        f + ":13:20: targets[2].webhook.url: plain http is allowed only for localhost/127.0.0.1/[::1]; use https",
        f + ":13:56: targets[2].webhook.secretRef: invalid environment variable name after 'env:' (letters, digits and _, not starting with a digit)",
        f + ":14:5: targets[3]: a target has exactly one channel, found slack and email",
        f + ":17:5: targets[4]: a target needs exactly one of slack, email, webhook or pagerduty",
        f + ":20:18: routes[0].minSeverity: unknown severity 'URGENT'; one of CRITICAL, HIGH, WARNING, INFO",
        f + ":21:16: routes[0].matchers[0]: regular expression does not compile: Unclosed group near index 6",
        f + ":21:37: routes[0].matchers[1]: not a matcher: expected name=\"value\", name!=\"value\", name=~\"regex\" or name!~\"regex\"",
        f + ":23:5: routes[0].continu: unknown field (did you mean 'continue'?)",
        f + ":24:11: routes[1].name: duplicate route name 'r' (first defined at routes[0])",
        f + ":25:14: routes[1].targets: a route needs at least one target");
  }

  @Test
  void aDurationTooLongToCountIsAnErrorNamingTheField() throws IOException {
    TenantFileParser.FileResult result = parse("acme.yaml", VALID.replace("dedupWindow: 5m", "dedupWindow: 1251251235450d"));

    assertThat(errors(result)).containsExactly(at("acme.yaml")
        + ":8:14: dedupWindow: '1251251235450d' is too long: at most 106751991167d (about 292 million years; durations"
        + " are counted in milliseconds)");
  }

  /** {@code 1s} written 20,000 times once overflowed the stack of the thread reading the file. */
  @Test
  void aDurationOfThousandsOfPartsReadsAsTheirSum() throws IOException {
    TenantFileParser.FileResult result = parse("acme.yaml", VALID.replace("dedupWindow: 5m", "dedupWindow: " + "1s".repeat(20_000)));

    assertThat(errors(result)).isEmpty();
    assertThat(result.tenant().orElseThrow().getDedupWindowMs()).isEqualTo(20_000_000L);
  }

  @Test
  void literalSecretIsNeverEchoed() throws IOException {
    TenantFileParser.FileResult result = parse("acme.yaml",
        VALID.replace("file:/run/secrets/siem", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));

    assertThat(errors(result)).singleElement().asString()
        .contains("targets[2].webhook.secretRef: looks like a literal secret")
        .doesNotContain("whsec_");
  }

  @Test
  void missingRequiredFieldsAreReported() throws IOException {
    TenantFileParser.FileResult result = parse("x.yaml", """
        displayName: nobody
        targets:
          - slack: {}
        routes:
          - minSeverity: HIGH
        """);
    String f = at("x.yaml");

    assertThat(errors(result)).containsExactly(
        f + ":1:1: tenantId: required field is missing",
        f + ":1:1: tier: required field is missing",
        f + ":3:5: targets[0].id: required field is missing",
        f + ":3:12: targets[0].slack.channel: required field is missing",
        f + ":5:5: routes[0].name: required field is missing",
        f + ":5:5: routes[0].targets: required field is missing");
  }

  @Test
  void wrongTypesAndEmptyRecipientsAreReported() throws IOException {
    TenantFileParser.FileResult result = parse("typed.yaml", """
        tenantId: typed
        tier: STANDARD
        enabled: "yes"
        features: suppression
        rateLimit: {burst: 1.5}
        repeatInterval: 0s
        targets:
          - id: m
            email: {to: []}
          - id: w
            webhook: {url: "ftp://files.example/x", secretRef: "file:relative"}
          - id: s
            slack: {channel: "#x", webhookUrlRef: "hunter2"}
        """);
    String f = at("typed.yaml");

    assertThat(errors(result)).containsExactly(
        f + ":3:10: enabled: expected true or false, found a string",
        f + ":4:11: features: expected a list, found a string",
        f + ":5:20: rateLimit.burst: expected a whole number, found a number",
        f + ":6:17: repeatInterval: must be longer than zero",
        f + ":9:17: targets[0].email.to: at least one address is required",
        f + ":11:20: targets[1].webhook.url: scheme must be https (or http to localhost), found 'ftp'",
        f + ":11:56: targets[1].webhook.secretRef: 'file:' must be followed by an absolute path (file:/run/secrets/name)",
        f + ":13:43: targets[2].slack.webhookUrlRef: must be a secret reference: env:NAME or file:/path");
  }

  @Test
  void aPagerDutyTargetIsAServiceByRoutingKeyReferenceCarriedAsWebhookWithoutAWebhook() throws IOException {
    TenantFileParser.FileResult result = parse("paged.yaml", """
        tenantId: paged
        tier: ENTERPRISE
        targets:
          - id: pager
            pagerduty: {routingKeyRef: "env:PAGED_PD_KEY"}
          - id: pager-eu
            pagerduty: {routingKeyRef: "file:/run/secrets/pd-eu", eventsUrl: "https://events.eu.pagerduty.com/v2/enqueue"}
        routes:
          - {name: critical, minSeverity: CRITICAL, targets: [pager, pager-eu]}
        """);

    assertThat(errors(result)).isEmpty();
    List<ChannelTarget> targets = result.tenant().orElseThrow().getTargets();
    assertThat(targets).extracting(TargetKind::of).containsExactly(TargetKind.PAGERDUTY, TargetKind.PAGERDUTY);
    assertThat(targets.getFirst().getChannel()).isEqualTo(Channel.WEBHOOK);
    assertThat(targets.getFirst().getWebhook()).isNull();
    assertThat(targets.getFirst().getPagerduty().getRoutingKeyRef()).isEqualTo("env:PAGED_PD_KEY");
    assertThat(targets.getFirst().getPagerduty().getEventsUrl()).isNull();
    assertThat(targets.get(1).getPagerduty().getEventsUrl()).isEqualTo("https://events.eu.pagerduty.com/v2/enqueue");
  }

  @Test
  void aPagerDutyTargetWithoutAUsableRoutingKeyOrEventsUrlIsRefusedNamingTheField() throws IOException {
    TenantFileParser.FileResult result = parse("badpd.yaml", """
        tenantId: badpd
        tier: ENTERPRISE
        targets:
          - id: a
            pagerduty: {}
          - id: b
            pagerduty: {routingKeyRef: "R0UT1NGKEY0123456789abcdefabcdef"}
          - id: c
            pagerduty: {routingKeyRef: "env:PD", eventsUrl: "http://events.pagerduty.com/v2/enqueue", key: x}
          - id: d
            pagerduty: {routingKeyRef: "env:PD"}
            webhook: {url: "https://x.example/h", secretRef: "env:H"}
        """);
    String f = at("badpd.yaml");

    assertThat(errors(result)).containsExactly(
        f + ":5:16: targets[0].pagerduty.routingKeyRef: required field is missing",
        f + ":7:32: targets[1].pagerduty.routingKeyRef: looks like a literal secret; put it in an environment variable or file"
            + " and write env:NAME or file:/path",
        f + ":9:53: targets[2].pagerduty.eventsUrl: plain http is allowed only for localhost/127.0.0.1/[::1]; use https",
        f + ":9:95: targets[2].pagerduty.key: unknown field",
        f + ":10:5: targets[3]: a target has exactly one channel, found webhook and pagerduty");
    // The refused key is never echoed.
    assertThat(result.problems()).extracting(Problem::toString).noneMatch(p -> p.contains("R0UT1NGKEY"));
  }

  @Test
  void unsupportedLocaleAndFileNameMismatchAreWarningsOnly() throws IOException {
    TenantFileParser.FileResult result = parse("other.yaml", "tenantId: acme\ntier: TRIAL\ndefaultLocale: sv-SE\n");

    assertThat(result.isValid()).isTrue();
    assertThat(result.problems()).extracting(Problem::toString).containsExactly(
        at("other.yaml") + ":1:11: warning: tenantId: tenant id 'acme' differs from the file name 'other'",
        at("other.yaml") + ":3:16: warning: defaultLocale: no notification texts for 'sv-SE'; English is used "
            + "(supported: en fr de es it pt ru zh ja ko ar he)");
  }

  @Test
  void jsonFilesCarryLocationsToo() throws IOException {
    TenantFileParser.FileResult result = parse("j.json", """
        {"tenantId": "jjj",
         "tier": "TRIAL",
         "timeZone": "+02:00"}
        """);

    assertThat(errors(result)).containsExactly(
        at("j.json") + ":3:14: timeZone: unknown IANA time zone '+02:00'");
  }

  @Test
  void syntaxErrorAndDuplicateKeysAreReported() throws IOException {
    assertThat(errors(parse("bad.yaml", "tenantId: [unclosed\n")))
        .containsExactly(at("bad.yaml") + ":1:20: syntax error: while parsing a flow sequence; expected ',' or ']', but got <stream end>");
    assertThat(errors(parse("dup.yaml", "tenantId: dup\ntier: TRIAL\ntier: STANDARD\n")))
        .containsExactly(at("dup.yaml") + ":3:1: tier: duplicate key 'tier'");
    assertThat(errors(parse("empty.yaml", ""))).containsExactly(at("empty.yaml") + ": the file is empty");
    assertThat(errors(parse("list.yaml", "- a\n"))).containsExactly(at("list.yaml") + ":1:1: expected a map, found a list");
  }

  @Test
  void aYamlAliasIsOneErrorAtItsLocationAndTheTenantIsInvalid() throws IOException {
    TenantFileParser.FileResult result = parse("alias.yaml", """
        tenantId: alias
        displayName: &name Alias Inc
        tier: TRIAL
        timeZone: *name
        """);

    assertThat(result.isValid()).isFalse();
    assertThat(errors(result)).containsExactly(
        at("alias.yaml") + ":4:11: timeZone: YAML aliases are not supported (*name): write the value out");
  }

  @Test
  void anInvalidRegexUnderNotRegexIsRefusedWithItsFieldPath() throws IOException {
    TenantFileParser.FileResult result = parse("nre.yaml", """
        tenantId: nre
        tier: TRIAL
        targets:
          - id: oncall
            slack: {channel: "#nre"}
        routes:
          - name: not-payments
            matchers: ['service!~"pay("']
            targets: [oncall]
        """);

    assertThat(errors(result)).containsExactly(at("nre.yaml")
        + ":8:16: routes[0].matchers[0]: regular expression does not compile: Unclosed group near index 4");
  }
}
