package io.klaxon.cli.control;

import io.klaxon.cli.KafkaOptions;
import io.klaxon.contract.LabelMatchers;
import io.klaxon.control.Silence;
import io.klaxon.control.SilenceState;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code klaxon silence list}: the tenant's silences with their state, as the silences topic holds them. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List the tenant's silences: id, state (active, pending, expired), matchers, start, end, author, comment.")
public final class SilenceListCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  KafkaOptions kafka;

  @Option(names = "--tenant", required = true, description = "Tenant id.")
  String tenant;

  @Option(names = "--expired", description = "Also list silences that have ended.")
  boolean expired;

  @Override
  public Integer call() {
    Instant now = Instant.now();
    try (ControlConnection control = new ControlConnection(kafka)) {
      List<Silence> silences = control.silences(tenant).stream()
          .filter(s -> expired || s.getEndsAt().isAfter(now))
          .sorted(Comparator.comparing(Silence::getStartsAt)).toList();
      for (Silence s : silences) {
        spec.commandLine().getOut().println(String.join("\t", s.getId(), SilenceState.of(s, now).apiName(),
            LabelMatchers.format(s.getMatchers()), s.getStartsAt().toString(), s.getEndsAt().toString(), s.getCreatedBy(),
            s.getComment()));
      }
    }
    return 0;
  }
}
