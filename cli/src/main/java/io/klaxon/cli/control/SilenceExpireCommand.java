package io.klaxon.cli.control;

import io.klaxon.cli.KafkaOptions;
import io.klaxon.control.Silence;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code klaxon silence expire}: ends silences now. */
@Command(name = "expire", mixinStandardHelpOptions = true, description = "End the tenant's silences with these ids now.")
public final class SilenceExpireCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  KafkaOptions kafka;

  @Option(names = "--tenant", required = true, description = "Tenant id.")
  String tenant;

  @Parameters(arity = "1..*", paramLabel = "ID", description = "Silence ids (from silence add or list).")
  List<String> ids;

  @Override
  public Integer call() {
    int code = 0;
    try (ControlConnection control = new ControlConnection(kafka)) {
      List<Silence> silences = control.silences(tenant);
      for (String id : ids) {
        Optional<Silence> silence = silences.stream().filter(s -> s.getId().equals(id)).findFirst();
        if (silence.isEmpty()) {
          spec.commandLine().getErr().println("klaxon: tenant " + tenant + " has no silence " + id);
          code = 1;
          continue;
        }
        Silence expired = control.events().expire(silence.get());
        spec.commandLine().getOut().println(id + "\texpired at " + expired.getEndsAt());
      }
    }
    return code;
  }
}
