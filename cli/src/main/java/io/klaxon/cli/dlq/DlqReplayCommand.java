package io.klaxon.cli.dlq;

import io.klaxon.cli.KafkaOptions;
import io.klaxon.events.DeadLetter;
import io.klaxon.events.DeadLetterReason;
import io.klaxon.topics.TopicNames;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code klaxon dlq replay}: re-publishes the original key and value bytes of matching dead
 * letters, unchanged, to the topic they came from. Reads the dead-letter topic from the beginning
 * up to the end offsets captured at start (so it never replays its own consequences), without a
 * consumer group. Exit 0 when every replay was acknowledged, 1 otherwise.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Re-inject the original records of matching dead letters into their source topics.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:all matching records replayed (or listed, with --dry-run)", "1:a replay or Kafka failed", "2:usage error"})
public final class DlqReplayCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  KafkaOptions kafka;

  @Option(names = "--topic", description = "Dead-letter topic (default: " + TopicNames.DEFAULT_ALERTS_DLQ + ", or $ALERTS_DLQ_TOPIC when set).")
  String topic;

  @Option(names = "--reason", required = true, description = "Replay dead letters with this reason (UNKNOWN_TENANT, TENANT_DISABLED, ...).")
  DeadLetterReason reason;

  @Option(names = "--tenant", description = "Only dead letters of this tenant.")
  String tenant;

  @Option(names = "--max", defaultValue = "0", description = "Replay at most this many (0: no limit).")
  int max;

  @Option(names = "--dry-run", description = "Only list what would be replayed.")
  boolean dryRun;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<DeadLetter> matching = new ArrayList<>();
    DeadLetterReader.of(kafka, topic).read(
        DeadLetterReader.Start.BEGINNING, 0, false, () -> false,
        (record, letter) -> {
          if (letter.getReason() == reason && (tenant == null || tenant.equals(letter.getTenantId()))) {
            matching.add(letter);
          }
          return max <= 0 || matching.size() < max;
        },
        problem -> err.println("klaxon: skipped undecodable dead letter " + problem));
    if (dryRun) {
      matching.forEach(d -> out.println("would replay " + DeadLetterFormat.line(d)));
      out.println(matching.size() + " dead letters would be replayed");
      return 0;
    }
    return replay(matching, out, err);
  }

  private int replay(List<DeadLetter> letters, PrintWriter out, PrintWriter err) throws InterruptedException {
    if (letters.isEmpty()) {
      out.println("0 dead letters replayed");
      return 0;
    }
    int failures = 0;
    Map<String, Object> props = kafka.clientProperties(Map.of(
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000,
        ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000));
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (DeadLetter d : letters) {
        String from = d.getSourceTopic() + "-" + d.getSourcePartition() + "@" + d.getSourceOffset();
        try {
          RecordMetadata m = producer.send(new ProducerRecord<>(d.getSourceTopic(),
              DeadLetterFormat.bytes(d.getOriginalKey()), DeadLetterFormat.bytes(d.getOriginalValue()))).get();
          out.println("replayed " + from + " (" + d.getReason() + ", tenant " + (d.getTenantId() == null ? "-" : d.getTenantId())
              + ") -> " + m.topic() + "-" + m.partition() + "@" + m.offset());
        } catch (ExecutionException e) {
          failures++;
          err.println("klaxon: replaying " + from + " failed: " + e.getCause().getMessage());
        }
      }
    }
    out.println((letters.size() - failures) + " dead letters replayed" + (failures > 0 ? ", " + failures + " failed" : ""));
    return failures == 0 ? 0 : 1;
  }
}
