package io.klaxon.cli.dlq;

import io.klaxon.cli.read.TopicReader;
import io.klaxon.events.DeadLetter;
import io.klaxon.events.DeadLetterReason;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code klaxon dlq replay}: re-publishes the original key and value bytes of matching dead
 * letters, unchanged, to the topic they came from, with the original record's timestamp and headers
 * and a {@link ReplayMarker} naming the letter. Idempotent: replaying the same letters twice
 * re-injects them once.
 *
 * <ul>
 *   <li>A run starts where the last run of the same target (dead-letter topic, reason, tenant or all
 *       tenants) stopped, and skips letters an overlapping target already took care of ({@link
 *       ReplayPositions}); it reads only committed letters, up to the end offsets captured at start.
 *   <li>A letter that a replay made fail again comes back carrying the marker of the letter it was
 *       replayed from: of such a chain only the newest letter is replayed, so a record that keeps
 *       failing is re-injected once per run, not twice as often each time.
 *   <li>A run that stopped between writing and recording its position is recognised by the next
 *       one, which skips the letters whose replays it finds in the topics written.
 * </ul>
 *
 * Exit 0 when every replay was acknowledged, 1 otherwise (the position is then not moved, and the
 * next run re-injects only what did not get through).
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Re-inject the original records of matching dead letters into their source topics, once.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:all matching records replayed (or listed, with --dry-run)", "1:a replay or Kafka failed", "2:usage error"})
public final class DlqReplayCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  DeadLetterSource source;

  @Option(names = "--reason", required = true, description = "Replay dead letters with this reason (UNKNOWN_TENANT, TENANT_DISABLED, ...).")
  DeadLetterReason reason;

  @Option(names = "--tenant", description = "Only dead letters of this tenant.")
  String tenant;

  @Option(names = "--max", defaultValue = "0", description = "Replay at most this many (0: no limit); the next run goes on from there.")
  int max;

  @Option(names = "--dry-run", description = "Only list what would be replayed; nothing is written or recorded.")
  boolean dryRun;

  /** A letter to replay, with the record it was read from. */
  private record Letter(ConsumerRecord<byte[], byte[]> record, DeadLetter letter) {
    String coordinates() {
      return ReplayMarker.coordinates(record);
    }
  }

  @Override
  public Integer call() throws InterruptedException, ExecutionException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    DeadLetterReader reader = source.reader().committedOnly();
    try (Admin admin = Admin.create(source.kafka().clientProperties(Map.of()))) {
      ReplayPositions positions = ReplayPositions.load(admin, reader.topic(), reason, tenant);
      Set<String> done = new HashSet<>();
      positions.interruptedRun().ifPresent(ends -> done.addAll(ReplayMarker.writtenSince(source.kafka().clientProperties(Map.of()), ends)));
      List<Letter> matching = new ArrayList<>();
      int[] erased = {0};
      List<String> unopened = new ArrayList<>();
      Set<String> notDone = new HashSet<>();
      TopicReader.Range range = reader.read(TopicReader.Start.at(positions.start()), false, () -> false,
          (record, letter) -> {
            // A letter carrying a marker is a replay that failed again: the letter it names has had its replay.
            ReplayMarker.in(record.headers()).ifPresent(replayed -> {
              done.add(replayed);
              notDone.remove(replayed);
            });
            if (letter.getReason() == reason && (tenant == null || tenant.equals(letter.getTenantId()))
                && !positions.replayedByOverlappingTarget(new TopicPartition(record.topic(), record.partition()),
                    record.offset(), letter.getTenantId())) {
              if (letter.getSealed() != null) {
                // Still sealed: its tenant was erased (never replayed), or this command cannot open it.
                if (letter.getDetail().startsWith(DeadLetterReader.ERASED)) {
                  erased[0]++;
                } else {
                  unopened.add(letter.getDetail());
                }
                return true;
              }
              if (letter.getOriginalValue() == null && letter.getReason() == DeadLetterReason.TENANT_DISABLED) {
                // An event of a tenant already erased when it came (a disabled tenant's letter has a value): nothing was kept.
                erased[0]++;
                return true;
              }
              Letter candidate = new Letter(record, letter);
              matching.add(candidate);
              if (!done.contains(candidate.coordinates())) {
                notDone.add(candidate.coordinates());
              }
            }
            return max <= 0 || notDone.size() < max;
          },
          problem -> err.println("klaxon: skipped undecodable dead letter " + problem));
      if (!unopened.isEmpty()) {
        err.println("klaxon: nothing replayed: " + unopened.size() + " matching dead letter(s) are sealed and cannot be opened here ("
            + unopened.getFirst().substring(DeadLetterReader.SEALED.length()) + ")");
        return 1;
      }
      List<Letter> toReplay = matching.stream().filter(l -> !done.contains(l.coordinates())).toList();
      int skipped = matching.size() - toReplay.size();
      if (erased[0] > 0) {
        out.println(erased[0] + " matching dead letter(s) of erased tenants are not replayed: their data keys are destroyed");
      }
      if (dryRun) {
        toReplay.forEach(l -> out.println("would replay " + DeadLetterFormat.line(l.letter())));
        out.println(toReplay.size() + " dead letters would be replayed" + skippedNote(skipped));
        return 0;
      }
      if (toReplay.isEmpty()) {
        positions.commit(range.next());
        out.println("0 dead letters replayed" + skippedNote(skipped));
        return 0;
      }
      positions.markWriting(range.from(), endOffsets(admin, toReplay));
      int failures = replay(toReplay, out, err);
      if (failures > 0) {
        out.println((toReplay.size() - failures) + " dead letters replayed, " + failures + " failed" + skippedNote(skipped));
        return 1;
      }
      positions.commit(range.next());
      out.println(toReplay.size() + " dead letters replayed" + skippedNote(skipped));
      return 0;
    }
  }

  private static String skippedNote(int skipped) {
    return skipped == 0 ? "" : " (" + skipped + " already replayed)";
  }

  /** Where each partition of the topics the letters go back to ends now. */
  private static Map<TopicPartition, Long> endOffsets(Admin admin, List<Letter> letters)
      throws ExecutionException, InterruptedException {
    Set<String> topics = letters.stream().map(l -> l.letter().getSourceTopic()).collect(Collectors.toSet());
    Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
    admin.describeTopics(topics).allTopicNames().get().values().forEach(description -> description.partitions()
        .forEach(p -> latest.put(new TopicPartition(description.name(), p.partition()), OffsetSpec.latest())));
    return admin.listOffsets(latest).all().get().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  /** Sends every letter, then waits for every answer; returns how many failed. */
  private int replay(List<Letter> letters, PrintWriter out, PrintWriter err) throws InterruptedException {
    Map<String, Object> props = source.kafka().clientProperties(Map.of(
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000,
        ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000));
    int failures = 0;
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (Letter l : letters) {
        DeadLetter d = l.letter();
        Headers headers = ReplayMarker.replayOf(l.record().headers(), l.coordinates());
        sent.add(producer.send(new ProducerRecord<>(d.getSourceTopic(), null, d.getOriginalTimestamp().toEpochMilli(),
            DeadLetterFormat.bytes(d.getOriginalKey()), DeadLetterFormat.bytes(d.getOriginalValue()), headers)));
      }
      for (int i = 0; i < letters.size(); i++) {
        DeadLetter d = letters.get(i).letter();
        String from = d.getSourceTopic() + "-" + d.getSourcePartition() + "@" + d.getSourceOffset();
        try {
          RecordMetadata m = sent.get(i).get();
          out.println("replayed " + from + " (" + d.getReason() + ", tenant " + (d.getTenantId() == null ? "-" : d.getTenantId())
              + ") -> " + m.topic() + "-" + m.partition() + "@" + m.offset());
        } catch (ExecutionException e) {
          failures++;
          err.println("klaxon: replaying " + from + " failed: " + e.getCause().getMessage());
        }
      }
    }
    return failures;
  }
}
