package io.klaxon.stack.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klaxon.contract.SupportedLanguages;
import io.klaxon.ops.ClusterSettings;
import io.klaxon.ops.Env;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RenderCommandTest {
  private static final Path ROOT = Path.of("..");
  private static final String TENANTS = ROOT.resolve("examples/tenants").toString();
  private static final String DISK_FULL = ROOT.resolve("examples/alerts/disk-full.json").toString();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private record Run(int exit, String out, String err) {}

  private static Run render(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    CommandLine line = new CommandLine(new RenderCommand(outStream, errStream, new ByteArrayInputStream(new byte[0])));
    line.setOut(new java.io.PrintWriter(new java.io.OutputStreamWriter(outStream, StandardCharsets.UTF_8), true));
    line.setErr(new java.io.PrintWriter(new java.io.OutputStreamWriter(errStream, StandardCharsets.UTF_8), true));
    int exit = line.execute(args);
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static List<JsonNode> documents(String text) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    try (MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(text)) {
      it.forEachRemaining(out::add);
    }
    return out;
  }

  @Test
  void aClusterThatCannotBeReachedIsNamedWithTheWayToRenderFromFiles() throws IOException {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    ClusterSettings cluster = ClusterSettings.from(Env.of(java.util.Map.of()))
        .withBootstrapServers("127.0.0.1:" + closedPort);

    PreviewTenants.Found found = PreviewTenants.fromCluster(cluster, "umbrella", java.time.Duration.ofSeconds(2));

    assertThat(found).isInstanceOf(PreviewTenants.Missing.class);
    assertThat(((PreviewTenants.Missing) found).problems()).singleElement().asString()
        .contains("cannot read klaxon.tenants.v1 from Kafka at 127.0.0.1:" + closedPort)
        .contains("--tenants examples/tenants");
  }

  @Test
  void slackPreviewIsTheArabicBlockKitJsonOfTheTenantsSlackTarget() throws IOException {
    Run run = render("--tenant", "umbrella", "--tenants", TENANTS, "--channel", "slack", "--alert", DISK_FULL);

    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode body = documents(run.out()).getFirst();
    assertThat(body.path("parse").asText()).isEqualTo("none");
    assertThat(body.path("link_names").asBoolean(true)).isFalse();
    JsonNode blocks = body.path("attachments").get(0).path("blocks");
    assertThat(blocks.isArray()).isTrue();
    assertThat(blocks.toString()).contains("\"verbatim\":true").contains("Disk full (db-1)").containsPattern("[\\u0600-\\u06FF]");
    assertThat(run.err()).contains("slack target slack").contains("locale ar").contains("route high-and-above");
  }

  @Test
  void aLocaleAskedForWinsOverTheTenantsAndTheWebhookBodyIsPrintedAsSent() throws IOException {
    Run run = render("--tenant", "umbrella", "--tenants", TENANTS, "--channel", "webhook", "--locale", "ja", "--alert", DISK_FULL);

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out().strip()).doesNotContain("\n");
    JsonNode body = documents(run.out()).getFirst();
    assertThat(body.path("rendered").path("locale").asText()).isEqualTo("ja");
    assertThat(body.path("tenant").path("id").asText()).isEqualTo("umbrella");
    assertThat(body.path("alert").path("fingerprint").asText()).isEqualTo("disk-full-db-1");
    assertThat(body.path("route").asText()).isEqualTo("high-and-above");
  }

  @Test
  void allLocalesRendersEveryBundledLanguageAndVariant() throws IOException {
    Run run = render("--tenant", "umbrella", "--tenants", TENANTS, "--channel", "webhook", "--all-locales", "--alert", DISK_FULL);

    assertThat(run.exit()).as(run.err()).isZero();
    List<String> locales = documents(run.out()).stream().map(b -> b.path("rendered").path("locale").asText()).toList();
    assertThat(locales).containsExactlyElementsOf(SupportedLanguages.BUNDLED);
  }

  @Test
  void emailPreviewHasSubjectTextAndHtmlWithTheTenantsOverride() {
    Run run = render("--tenant", "acme", "--tenants", TENANTS, "--channel", "email", "--alert", DISK_FULL);

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("Subject: ").contains("--- text/plain; charset=UTF-8 ---")
        .contains("--- text/html; charset=UTF-8 ---").contains("<html lang=\"fr\"").contains("Disk full (db-1)");
    assertThat(run.err()).contains("email target ops-email (ops@acme.example)");
  }

  @Test
  void aBrokenOverrideIsAnErrorNamingItsKeyAndPosition() throws IOException {
    Path tenant = dir.resolve("broken.yaml");
    Files.writeString(tenant, """
        tenantId: broken
        tier: STANDARD
        targets:
          - id: hook
            webhook: {url: "https://hooks.broken.example/in", secretRef: "env:BROKEN_HOOK"}
        templateOverrides:
          "alert.headline/fr": "ALERTE {title"
          "field.source": "Origine"
        """);

    Run french = render("--tenant", "broken", "--tenants", tenant.toString(), "--channel", "webhook", "--locale", "fr",
        "--alert", DISK_FULL);
    Run english = render("--tenant", "broken", "--tenants", tenant.toString(), "--channel", "webhook", "--alert", DISK_FULL);

    // The tenant file is refused as tenants apply would refuse it, whichever locale is asked for.
    assertThat(french.exit()).isEqualTo(1);
    assertThat(french.err()).contains("broken.yaml:7:3: templateOverrides.alert.headline/fr: not an ICU MessageFormat pattern")
        .contains("position 7").doesNotContain("field.source");
    assertThat(french.out()).isEmpty();
    assertThat(english.exit()).isEqualTo(1);
    assertThat(english.err()).contains("templateOverrides.alert.headline/fr");
  }

  @Test
  void aTenantWithoutATargetOfTheChannelIsAnError() throws IOException {
    Path tenant = dir.resolve("mailonly.yaml");
    Files.writeString(tenant, """
        tenantId: mailonly
        tier: STANDARD
        targets:
          - id: mail
            email: {to: [a@mailonly.example]}
        """);

    Run run = render("--tenant", "mailonly", "--tenants", tenant.toString(), "--channel", "slack", "--alert", DISK_FULL);

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("tenant mailonly has no slack target (its targets: mail (email))");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aPagerDutyTargetIsNoWebhookTargetThoughItCarriesTheWebhookChannel() {
    Run run = render("--tenant", "umbrella", "--tenants", TENANTS, "--channel", "webhook", "--target", "oncall-pagerduty",
        "--alert", DISK_FULL);

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("tenant umbrella has no webhook target with id 'oncall-pagerduty'")
        .contains("oncall-pagerduty (pagerduty)").contains("hook (webhook)");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void pagerDutyPreviewIsTheEventAsPostedWithoutItsRoutingKey() throws IOException {
    Run run = render("--tenant", "umbrella", "--tenants", TENANTS, "--channel", "pagerduty", "--alert", DISK_FULL);

    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode event = documents(run.out()).getFirst();
    assertThat(event.path("event_action").asText()).isEqualTo("trigger");
    assertThat(event.path("dedup_key").asText()).isNotBlank();
    assertThat(event.has("routing_key")).as("the routing key is a secret").isFalse();
    assertThat(event.path("payload").path("summary").asText()).contains("db-1").containsPattern("[\\u0600-\\u06FF]");
    assertThat(event.path("payload").path("severity").asText()).isNotBlank();
    assertThat(run.err()).contains("pagerduty target oncall-pagerduty (routing key env:UMBRELLA_PAGERDUTY_KEY)")
        .contains("locale ar");
  }

  @Test
  void anUnknownTenantOrAnInvalidTenantFileIsAnError() throws IOException {
    Path tenant = dir.resolve("bad.yaml");
    Files.writeString(tenant, "tenantId: bad\ntier: GOLD\n");

    Run unknown = render("--tenant", "nobody", "--tenants", TENANTS, "--channel", "slack", "--alert", DISK_FULL);
    Run invalid = render("--tenant", "bad", "--tenants", tenant.toString(), "--channel", "slack", "--alert", DISK_FULL);

    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).contains("no tenant 'nobody'");
    assertThat(invalid.exit()).isEqualTo(1);
    assertThat(invalid.err()).contains("bad.yaml:2:").contains("tier");
  }

  @Test
  void badUsageExitsTwoNamingTheOption() throws IOException {
    Path alert = dir.resolve("alert.json");
    Files.writeString(alert, "{\"severity\": \"LOUD\", \"title\": \"x\", \"source\": \"s\"}");

    Run channel = render("--tenant", "acme", "--tenants", TENANTS, "--channel", "fax", "--alert", DISK_FULL);
    Run locale = render("--tenant", "acme", "--tenants", TENANTS, "--channel", "email", "--locale", "x_y!", "--alert", DISK_FULL);
    Run both = render("--tenant", "acme", "--tenants", TENANTS, "--channel", "email", "--locale", "fr", "--all-locales",
        "--alert", DISK_FULL);
    Run badAlert = render("--tenant", "acme", "--tenants", TENANTS, "--channel", "email", "--alert", alert.toString());

    assertThat(channel.exit()).isEqualTo(2);
    assertThat(channel.err()).contains("--channel: unknown channel 'fax'");
    assertThat(locale.exit()).isEqualTo(2);
    assertThat(locale.err()).contains("--locale");
    assertThat(both.exit()).isEqualTo(2);
    assertThat(badAlert.exit()).isEqualTo(2);
    assertThat(badAlert.err()).contains("severity");
  }
}
