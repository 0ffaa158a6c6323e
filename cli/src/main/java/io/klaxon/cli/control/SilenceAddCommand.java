package io.klaxon.cli.control;

import io.klaxon.cli.Authors;
import io.klaxon.cli.KafkaOptions;
import io.klaxon.contract.FieldProblem;
import io.klaxon.contract.LabelMatcherParser;
import io.klaxon.contract.LabelMatchers;
import io.klaxon.control.ControlEvents;
import io.klaxon.control.ControlRules;
import io.klaxon.control.InvalidControlEventException;
import io.klaxon.control.Silence;
import io.klaxon.control.SilenceLimits;
import io.klaxon.events.LabelMatcher;
import io.klaxon.ops.Durations;
import io.klaxon.ops.Env;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code klaxon silence add}: writes a new silence and prints its id once Kafka acknowledged it. */
@Command(name = "add", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Silence the tenant's alerts whose labels match every matcher, from --start (default now) for"
        + " --duration (default 1h) or until --end. Prints the silence id.")
public final class SilenceAddCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  KafkaOptions kafka;

  @Option(names = "--tenant", required = true, description = "Tenant id.")
  String tenant;

  @Parameters(arity = "1..*", paramLabel = "MATCHER", description = "Alertmanager matchers: env=\"prod\", service=~\"pay.*\", team!=db")
  List<String> matchers;

  @Option(names = "--author", description = "Who silences (default: $KLAXON_AUTHOR, else the operating-system user).")
  String author;

  @Option(names = "--comment", defaultValue = "", description = "Why.")
  String comment;

  @Option(names = "--start", description = "Start, RFC 3339 (default: now).")
  String start;

  @Option(names = "--end", description = "End, RFC 3339 (instead of --duration).")
  String end;

  @Option(names = "--duration", defaultValue = "1h", description = "How long (" + Durations.EXPECTED + "; default ${DEFAULT-VALUE}).")
  String duration;

  @Override
  public Integer call() {
    List<LabelMatcher> parsed = new ArrayList<>();
    for (int i = 0; i < matchers.size(); i++) {
      switch (LabelMatcherParser.parse(matchers.get(i))) {
        case LabelMatcherParser.Valid v -> parsed.add(v.matcher());
        case LabelMatcherParser.Invalid inv ->
            throw new ParameterException(spec.commandLine(), "matchers[" + i + "] '" + matchers.get(i) + "': " + inv.reason());
      }
    }
    Instant startsAt = start == null ? Instant.now() : instant("--start", start);
    Instant endsAt;
    if (end != null) {
      endsAt = instant("--end", end);
    } else {
      try {
        endsAt = startsAt.plus(Durations.parse(duration));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--duration '" + duration + "': expected " + Durations.EXPECTED);
      }
    }
    String by = Authors.of(author, Env.system());
    Silence silence = new Silence(ControlEvents.newSilenceId(), tenant, parsed, startsAt, endsAt, by, comment, Instant.now());
    try (ControlConnection control = new ControlConnection(kafka)) {
      List<FieldProblem> full = ControlRules.checkRoom(control.silences(tenant), null, SilenceLimits.DEFAULTS,
          Instant.now());
      if (!full.isEmpty()) {
        full.forEach(p -> spec.commandLine().getErr().println("klaxon: tenant " + tenant + ": " + p));
        return 1;
      }
      Silence written = control.events().silence(silence);
      spec.commandLine().getOut().println(written.getId());
      spec.commandLine().getErr().println("silenced " + LabelMatchers.format(written.getMatchers()) + " for " + tenant
          + " from " + written.getStartsAt() + " until " + written.getEndsAt());
      return 0;
    } catch (InvalidControlEventException e) {
      e.problems().forEach(p -> spec.commandLine().getErr().println("klaxon: " + p));
      return 1;
    }
  }

  private Instant instant(String option, String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new ParameterException(spec.commandLine(), option + " '" + text + "': expected an RFC 3339 time such as 2026-12-02T18:00:00Z");
    }
  }

}
