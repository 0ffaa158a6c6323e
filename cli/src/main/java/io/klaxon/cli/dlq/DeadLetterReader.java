package io.klaxon.cli.dlq;

import io.klaxon.cli.KafkaOptions;
import io.klaxon.cli.read.TopicReader;
import io.klaxon.events.DeadLetter;
import io.klaxon.registry.SchemaRegistry;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads the dead-letter topic: a {@link TopicReader} of {@link DeadLetter}s. In bounded mode it
 * stops at the end offsets captured when it started, so it never reads records written after that
 * (such as its own replays' later dead letters). Not thread-safe; closes its consumer when {@link
 * #read} returns.
 */
public final class DeadLetterReader {
  private final TopicReader<DeadLetter> reader;

  public DeadLetterReader(Map<String, Object> clientProperties, SchemaRegistry registry, String topic) {
    this(new TopicReader<>(clientProperties, registry, topic, DeadLetter.class));
  }

  private DeadLetterReader(TopicReader<DeadLetter> reader) {
    this.reader = reader;
  }

  /** A reader of {@code topic}, or, when it is null, of the alerts dead-letter topic {@code kafka} names. */
  public static DeadLetterReader of(KafkaOptions kafka, String topic) {
    return new DeadLetterReader(kafka.clientProperties(Map.of()), kafka.registry(),
        topic != null ? topic : kafka.topics().alertsDlq());
  }

  /** The topic read. */
  public String topic() {
    return reader.topic();
  }

  /**
   * A reader that sees only committed dead letters ({@code read_committed}): the letters of a Streams
   * transaction that was aborted are not there, since the transaction's records are written again.
   */
  public DeadLetterReader committedOnly() {
    return new DeadLetterReader(reader.committedOnly());
  }

  /** As {@link TopicReader#read}. */
  public TopicReader.Range read(TopicReader.Start start, boolean follow, BooleanSupplier stop,
      BiPredicate<ConsumerRecord<byte[], byte[]>, DeadLetter> handler,
      Consumer<String> onUndecodable) {
    return reader.read(start, follow, stop, handler, onUndecodable);
  }
}
