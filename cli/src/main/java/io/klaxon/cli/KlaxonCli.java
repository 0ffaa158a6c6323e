package io.klaxon.cli;

import io.klaxon.cli.control.AckCommand;
import io.klaxon.cli.control.SilenceCommand;
import io.klaxon.cli.dlq.DlqCommand;
import io.klaxon.cli.history.HistoryCommand;
import io.klaxon.cli.i18n.I18nCommand;
import io.klaxon.cli.send.SendCommand;
import io.klaxon.cli.tenants.TenantsCommand;
import io.klaxon.ops.Env;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code klaxon} command. Exit codes, for every subcommand: 0 success; 1 validation errors or a
 * failed operation (Kafka or the schema registry unreachable, a record rejected); 2 usage error
 * (unknown option, missing argument). Results go to standard output, problems and diagnostics to
 * standard error.
 */
@Command(
    name = "klaxon",
    mixinStandardHelpOptions = true,
    versionProvider = KlaxonCli.Version.class,
    description = "Klaxon multi-tenant alerting: manage tenants, send alerts, silence and acknowledge them, show an alert's history, inspect the dead-letter topic, check texts.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:validation errors or the operation failed", "2:usage error"},
    subcommands = {TenantsCommand.class, SendCommand.class, DlqCommand.class, I18nCommand.class, SilenceCommand.class,
        AckCommand.class, HistoryCommand.class,
        CommandLine.HelpCommand.class})
public final class KlaxonCli {
  /** Exit code of a failed validation or operation. */
  public static final int FAILED = 1;

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true, System.out.charset()),
        new PrintWriter(System.err, true, System.err.charset())));
  }

  /** Runs one command line with the given streams and returns its exit code; never calls exit. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, out, err, Env.system());
  }

  /**
   * Runs one command line as {@link #run(String[], PrintWriter, PrintWriter)} does, reading the
   * connection variables ({@code KAFKA_*}, {@code SCHEMA_REGISTRY_*}, {@code *_TOPIC}) from {@code
   * env} instead of the process environment.
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err, Env env) {
    CommandLine line = new CommandLine(new KlaxonCli(), new Factory(env));
    line.setOut(out);
    line.setErr(err);
    line.setCaseInsensitiveEnumValuesAllowed(true);
    line.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("klaxon: " + describe(e));
      return FAILED;
    });
    int code = line.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  private static String describe(Throwable e) {
    StringBuilder text = new StringBuilder(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
      if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
        text.append(": ").append(cause.getMessage());
      }
    }
    return text.toString();
  }

  /** Creates the commands and their mixins; {@link KafkaOptions} reads the given environment. */
  private record Factory(Env env) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      return type == KafkaOptions.class ? type.cast(new KafkaOptions(env)) : CommandLine.defaultFactory().create(type);
    }
  }

  /** Version from the jar manifest when packaged. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = KlaxonCli.class.getPackage().getImplementationVersion();
      return new String[] {"klaxon " + (version == null ? "development" : version)};
    }
  }
}
