package io.klaxon.cli.dlq;

import io.klaxon.cli.KafkaOptions;
import io.klaxon.cli.read.TopicReader;
import io.klaxon.cli.tenants.audit.CurrentTenants;
import io.klaxon.events.DeadLetter;
import io.klaxon.events.TenantConfig;
import io.klaxon.privacy.Keyring;
import io.klaxon.privacy.MasterKeys;
import io.klaxon.privacy.Sealer;
import io.klaxon.privacy.Sealers;
import io.klaxon.registry.SchemaRegistry;
import io.klaxon.topics.KlaxonTopics;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads the dead-letter topic: a {@link TopicReader} of {@link DeadLetter}s, sealed ones opened
 * where the master key allows (see {@link #of}). In bounded mode it
 * stops at the end offsets captured when it started, so it never reads records written after that
 * (such as its own replays' later dead letters). Not thread-safe; closes its consumer when {@link
 * #read} returns.
 */
public final class DeadLetterReader {
  /** How the detail of a letter sealed with a destroyed data key begins; such a letter is never replayed. */
  public static final String ERASED = "erased: ";
  /** How the detail of a sealed letter that cannot be opened here begins (no master key, or another one). */
  public static final String SEALED = "sealed: ";

  private final TopicReader<DeadLetter> reader;
  private final Sealer<DeadLetter> sealer;
  private final Keyring keyring;

  public DeadLetterReader(Map<String, Object> clientProperties, SchemaRegistry registry, String topic) {
    this(new TopicReader<>(clientProperties, registry, topic, DeadLetter.class), null, Keyring.none());
  }

  private DeadLetterReader(TopicReader<DeadLetter> reader, Sealer<DeadLetter> sealer, Keyring keyring) {
    this.reader = reader;
    this.sealer = sealer;
    this.keyring = keyring;
  }

  /**
   * A reader of {@code topic}, or, when it is null, of the alerts dead-letter topic {@code kafka}
   * names, that opens sealed letters with the master key {@code kafka} gives (the tenants' data keys
   * read from the tenants topic when the first sealed letter comes).
   *
   * @throws IllegalArgumentException naming the variable when the master key cannot be read
   */
  public static DeadLetterReader of(KafkaOptions kafka, String topic) {
    MasterKeys masters = kafka.masterKeys();
    Keyring keyring = masters == null ? Keyring.none() : new Keyring(masters);
    Map<String, Object> props = kafka.clientProperties(Map.of());
    SchemaRegistry registry = kafka.registry();
    Map<String, TenantConfig> tenants = new HashMap<>();
    boolean[] loaded = {false};
    keyring.fallback(tenant -> {
      if (!loaded[0]) {
        loaded[0] = true;
        TopicReader<TenantConfig> tenantsTopic = new TopicReader<>(props, registry, kafka.topics().tenants(), TenantConfig.class);
        if (tenantsTopic.exists()) {
          tenants.putAll(CurrentTenants.read(tenantsTopic, null, problem -> { }));
        }
      }
      return tenants.get(tenant);
    });
    return new DeadLetterReader(new TopicReader<>(props, registry, topic != null ? topic : kafka.topics().alertsDlq(),
        DeadLetter.class), Sealers.deadLetters(KlaxonTopics.of(kafka.topics(), registry)), keyring);
  }

  /**
   * {@code letter} opened; a letter that does not open keeps {@code sealed} set, and its detail says
   * why ({@link #ERASED}, {@link #SEALED}).
   */
  private DeadLetter open(DeadLetter letter) {
    if (sealer == null || letter.getSealed() == null) {
      return letter;
    }
    return switch (sealer.open(letter, keyring)) {
      case Sealer.Opened.Whole<DeadLetter> whole -> whole.record();
      case Sealer.Opened.Erased<DeadLetter> erased -> DeadLetter.newBuilder(letter).setDetail(ERASED + erased.reason()).build();
      case Sealer.Opened.Unavailable<DeadLetter> sealed -> DeadLetter.newBuilder(letter).setDetail(SEALED + sealed.reason()).build();
    };
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
    return new DeadLetterReader(reader.committedOnly(), sealer, keyring);
  }

  /** As {@link TopicReader#read}. */
  public TopicReader.Range read(TopicReader.Start start, boolean follow, BooleanSupplier stop,
      BiPredicate<ConsumerRecord<byte[], byte[]>, DeadLetter> handler,
      Consumer<String> onUndecodable) {
    return reader.read(start, follow, stop, (record, letter) -> handler.test(record, letter == null ? null : open(letter)),
        onUndecodable);
  }
}
