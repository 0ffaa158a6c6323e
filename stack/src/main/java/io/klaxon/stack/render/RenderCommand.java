package io.klaxon.stack.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klaxon.cli.KafkaOptions;
import io.klaxon.contract.AlertEventJson;
import io.klaxon.contract.DeliveryProfiles;
import io.klaxon.contract.SupportedLanguages;
import io.klaxon.contract.TargetKind;
import io.klaxon.events.AlertEvent;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.TenantConfig;
import io.klaxon.notifier.render.TemplateProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code klaxon render}: prints exactly what a tenant's targets of one channel would receive for
 * an alert (Slack Block Kit JSON, email subject, text and HTML, the webhook body, the PagerDuty
 * event without its routing key, which is a secret), in one locale or
 * every locale, with the tenant's template overrides and own bundles. The body goes to standard
 * output; a header naming target, locale and route, and every problem, go to standard error. A
 * tenant template override that cannot be used is an error naming its key and the position in the
 * template (exit code 1), although the text shows what would be sent: the default text in its
 * place.
 */
@Command(name = "render", mixinStandardHelpOptions = true,
    description = {"Print exactly what a tenant's targets of a channel would receive for an alert, rendered by the notifier's own code.",
        "The tenant comes from --tenants (a tenant file or a directory of them) or, without it, from the cluster's tenants topic.",
        "Exit codes: 0 rendered, 1 a template override is broken or the tenant, target or alert cannot be used, 2 usage error."})
public final class RenderCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec
  CommandSpec spec;

  @Option(names = "--tenant", required = true, paramLabel = "ID", description = "The tenant.")
  String tenantId;

  @Option(names = "--tenants", paramLabel = "FILE|DIR", description = "Read the tenant from this tenant file or directory (default: the cluster).")
  Path tenants;

  @Option(names = "--channel", required = true, paramLabel = "CHANNEL",
      description = "slack, email, webhook or pagerduty: every target of the tenant on that channel is rendered.")
  String channel;

  @Option(names = "--target", paramLabel = "ID", description = "Only this target of the tenant.")
  String targetId;

  @Option(names = "--alert", required = true, paramLabel = "FILE|-",
      description = "The alert as JSON (AlertEvent field names, as for 'klaxon send --json'); tenantId may be left out.")
  String alert;

  @Option(names = "--locale", paramLabel = "TAG", description = "Render as if the alert asked for this locale (BCP 47, e.g. ar, fr-CA, zh-TW).")
  String locale;

  @Option(names = "--all-locales", description = "Render in every locale: Klaxon's languages and variants and the tenant's own bundles.")
  boolean allLocales;

  @Option(names = "--default-locale", defaultValue = "${env:DEFAULT_LOCALE:-en}", paramLabel = "TAG",
      description = "The notifier's DEFAULT_LOCALE (default: $DEFAULT_LOCALE or en).")
  String defaultLocale;

  @Mixin
  KafkaOptions kafka;

  private final PrintStream out;
  private final PrintStream err;
  private final InputStream in;

  public RenderCommand() {
    this(System.out, System.err, System.in);
  }

  RenderCommand(PrintStream out, PrintStream err, InputStream in) {
    this.out = out;
    this.err = err;
    this.in = in;
  }

  @Override
  public Integer call() throws IOException {
    TargetKind wanted = channel(channel);
    if (locale != null && allLocales) {
      throw new ParameterException(spec.commandLine(), "--locale and --all-locales exclude each other");
    }
    if (locale != null) {
      checkTag(locale, "--locale");
    }
    checkTag(defaultLocale, "--default-locale");
    AlertEvent event = readAlert();
    PreviewTenants.Found found = tenants != null
        ? PreviewTenants.fromFiles(tenants, tenantId)
        : PreviewTenants.fromCluster(kafka.cluster(), tenantId, Duration.ofSeconds(30));
    if (found instanceof PreviewTenants.Missing missing) {
      missing.problems().forEach(p -> err.println("klaxon render: " + p));
      return 1;
    }
    TenantConfig tenant = ((PreviewTenants.Tenant) found).config();
    List<ChannelTarget> targets = NotificationPreview.targets(tenant, wanted, targetId);
    if (targets.isEmpty()) {
      err.println("klaxon render: tenant " + tenantId + " has no " + wanted.label() + " target"
          + (targetId == null ? "" : " with id '" + targetId + "'") + " (its targets: "
          + tenant.getTargets().stream().map(t -> t.getId() + " (" + TargetKind.of(t).label() + ")")
              .collect(Collectors.joining(", "))
          + ")");
      return 1;
    }
    NotificationPreview preview = new NotificationPreview(defaultLocale);
    Set<String> problems = new LinkedHashSet<>();
    for (ChannelTarget target : targets) {
      for (String tag : locales(tenant)) {
        NotificationPreview.Rendering rendering = preview.render(tenant, event, target, tag);
        err.println("=== " + wanted.label() + " target " + target.getId() + " (" + NotificationPreview.describe(target)
            + "), locale " + rendering.locale() + (tag == null ? "" : " (asked " + tag + ")") + ", route "
            + rendering.routeName() + (rendering.routed() ? "" : " (the tenant's routes do not send this alert here)"));
        out.println(rendering.body());
        out.flush();
        rendering.problems().stream().map(TemplateProblem::describe).forEach(problems::add);
      }
    }
    problems.forEach(p -> err.println("klaxon render: " + p.replace("; the default text is used", "")
        + " (a delivery sends the default text in its place)"));
    return problems.isEmpty() ? 0 : 1;
  }

  /** The locales to render in: the one asked, every one, or the alert's own (null). */
  private List<String> locales(TenantConfig tenant) {
    if (!allLocales) {
      List<String> one = new ArrayList<>();
      one.add(locale);
      return one;
    }
    Set<String> all = new LinkedHashSet<>(SupportedLanguages.BUNDLED);
    var bundles = DeliveryProfiles.of(tenant).getMessageBundles();
    if (bundles != null) {
      bundles.keySet().stream().sorted().forEach(all::add);
    }
    return List.copyOf(all);
  }

  private AlertEvent readAlert() throws IOException {
    byte[] bytes;
    try {
      bytes = "-".equals(alert) ? in.readAllBytes() : Files.readAllBytes(Path.of(alert));
    } catch (IOException e) {
      throw new ParameterException(spec.commandLine(), "--alert " + alert + ": cannot read (" + e.getMessage() + ")");
    }
    JsonNode json;
    try {
      json = JSON.readTree(bytes);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ParameterException(spec.commandLine(), "--alert " + alert + ": not JSON (" + e.getOriginalMessage() + ")");
    }
    // The same file always previews the same: its id and time, when it has none, come from its bytes.
    AlertEventJson.Defaults defaults = new AlertEventJson.Defaults(tenantId, UUID.nameUUIDFromBytes(bytes).toString(),
        Instant.parse("2026-01-01T00:00:00Z"));
    return switch (AlertEventJson.read(json, defaults)) {
      case AlertEventJson.Valid valid -> valid.event();
      case AlertEventJson.Invalid invalid -> throw new ParameterException(spec.commandLine(), "--alert " + alert + ": "
          + invalid.problems().stream().map(Object::toString).collect(Collectors.joining("; ")));
    };
  }

  private TargetKind channel(String name) {
    for (TargetKind kind : TargetKind.values()) {
      if (kind.label().equalsIgnoreCase(name)) {
        return kind;
      }
    }
    throw new ParameterException(spec.commandLine(), "--channel: unknown channel '" + name + "' (one of "
        + java.util.Arrays.stream(TargetKind.values()).map(TargetKind::label).collect(Collectors.joining(", ")) + ")");
  }

  private void checkTag(String tag, String option) {
    try {
      if (new Locale.Builder().setLanguageTag(tag).build().getLanguage().isEmpty()) {
        throw new ParameterException(spec.commandLine(), option + ": '" + tag + "' is not a language tag (e.g. ar, fr-CA, zh-TW)");
      }
    } catch (IllformedLocaleException e) {
      throw new ParameterException(spec.commandLine(), option + ": '" + tag + "' is not a well-formed BCP 47 tag (e.g. ar, fr-CA, zh-TW)");
    }
  }
}
