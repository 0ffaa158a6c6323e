package io.klaxon.cli.control;

import io.klaxon.cli.Authors;
import io.klaxon.cli.KafkaOptions;
import io.klaxon.control.Acknowledgement;
import io.klaxon.control.InvalidControlEventException;
import io.klaxon.ops.Env;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code klaxon ack}: acknowledges an alert by fingerprint (its repeats stop until it resolves), or takes it back. */
@Command(name = "ack", mixinStandardHelpOptions = true,
    description = "Acknowledge the tenant's alert with this fingerprint: its repeats are not notified until it resolves."
        + " --undo takes the acknowledgement back.")
public final class AckCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  KafkaOptions kafka;

  @Option(names = "--tenant", required = true, description = "Tenant id.")
  String tenant;

  @Parameters(index = "0", paramLabel = "FINGERPRINT", description = "The alert's fingerprint, as in its notification.")
  String fingerprint;

  @Option(names = "--author", description = "Who acknowledges (default: $KLAXON_AUTHOR, else the operating-system user).")
  String author;

  @Option(names = "--comment", defaultValue = "", description = "What is being done.")
  String comment;

  @Option(names = "--undo", description = "Take the acknowledgement back.")
  boolean undo;

  @Override
  public Integer call() {
    String by = Authors.of(author, Env.system());
    try (ControlConnection control = new ControlConnection(kafka)) {
      Acknowledgement ack = undo
          ? control.events().unack(tenant, fingerprint, by, comment, "cli")
          : control.events().ack(tenant, fingerprint, by, comment, "cli");
      spec.commandLine().getOut().println(tenant + "/" + fingerprint + "\t" + ack.getState() + " by " + ack.getBy()
          + " at " + ack.getAt());
      return 0;
    } catch (InvalidControlEventException e) {
      e.problems().forEach(p -> spec.commandLine().getErr().println("klaxon: " + p));
      return 1;
    }
  }
}
