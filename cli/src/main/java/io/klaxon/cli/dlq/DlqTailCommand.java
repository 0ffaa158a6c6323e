package io.klaxon.cli.dlq;

import io.klaxon.cli.read.TopicReader;
import io.klaxon.events.DeadLetterReason;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code klaxon dlq tail}: prints dead letters, one per line (or JSON with {@code --json}). Without
 * {@code --from-beginning} it starts with the latest {@code --last} records of each partition.
 * Without {@code --follow} it stops at the end offsets seen at start. Exit 0 unless Kafka fails.
 */
@Command(name = "tail", mixinStandardHelpOptions = true,
    description = "Print dead letters: reason, tenant, source topic/partition/offset, detail.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:Kafka or the schema registry failed", "2:usage error"})
public final class DlqTailCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  DeadLetterSource source;

  @Option(names = "--from-beginning", description = "Start at the oldest dead letter.")
  boolean fromBeginning;

  @Option(names = "--last", defaultValue = "20", description = "Without --from-beginning, start this many records back in each partition (default: ${DEFAULT-VALUE}).")
  int last;

  @Option(names = "--reason", description = "Only dead letters with this reason (UNKNOWN_TENANT, INVALID_FIELD, ...).")
  DeadLetterReason reason;

  @Option(names = "--max", defaultValue = "0", description = "Stop after printing this many (0: no limit).")
  int max;

  @Option(names = "--follow", description = "Keep waiting for new dead letters (stop with Ctrl-C).")
  boolean follow;

  @Option(names = "--json", description = "Print one JSON object per dead letter.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    AtomicInteger printed = new AtomicInteger();
    source.reader().read(
        fromBeginning ? TopicReader.Start.beginning() : TopicReader.Start.latest(last), follow,
        () -> Thread.currentThread().isInterrupted(),
        (record, letter) -> {
          if (reason != null && letter.getReason() != reason) {
            return true;
          }
          out.println(json ? DeadLetterFormat.json(letter) : DeadLetterFormat.line(letter));
          out.flush();
          return max <= 0 || printed.incrementAndGet() < max;
        },
        problem -> err.println("klaxon: skipped undecodable dead letter " + problem));
    return 0;
  }
}
