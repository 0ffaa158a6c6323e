package io.klaxon.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.klaxon.events.AlertEvent;
import io.klaxon.events.DeadLetter;
import io.klaxon.events.DeliveryReceipt;
import io.klaxon.events.FailedNotification;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.TenantConfig;
import io.klaxon.registry.InMemorySchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * Any bytes given to the wire-format decoder end as a record of the reader's type or as one of
 * the typed {@link WireFormatException}s: never another exception, never a hang, and never an
 * allocation out of proportion to the payload (a length prefix of 2 GB must not allocate 2 GB).
 *
 * <p>Input layout, so that the fuzzer reaches the Avro body instead of spending its time on the
 * header: byte 0 picks the reader contract (low 7 bits, modulo their number) and, in its top bit,
 * whether the rest is the whole payload (bit clear: the header checks are fuzzed) or a body behind
 * a valid header; with the bit set, byte 1 picks the writer schema id among every registered
 * contract version, a schema no contract can read and an id the registry does not know.
 */
class SpecificAvroDeserializerFuzzTest {
  static final List<Class<? extends SpecificRecord>> CONTRACTS = List.of(AlertEvent.class, TenantConfig.class,
      NotificationRequest.class, DeadLetter.class, DeliveryReceipt.class, FailedNotification.class);
  /** Headroom for Avro's own objects per decode, whatever the payload. */
  private static final long FIXED_ALLOWANCE_BYTES = 512 * 1024;
  /** A decoded record may take a few times its encoded size (strings widen, maps hash). */
  private static final long ALLOWANCE_PER_PAYLOAD_BYTE = 64;

  /**
   * A writer a producer may register (it is compatible both ways): the current AlertEvent plus an
   * array whose items take no bytes, which a reader skips item by item.
   */
  static final Schema ALERT_WITH_NULLS = new Schema.Parser().parse(AlertEvent.getClassSchema().toString()
      .replaceFirst("\\]\\}$", ",{\"name\":\"nothing\",\"type\":{\"type\":\"array\",\"items\":\"null\"},\"default\":[]}]}"));
  private static final InMemorySchemaRegistry REGISTRY = new InMemorySchemaRegistry();
  private static final List<Integer> WRITER_IDS = registerWriters();
  private static final List<SpecificAvroDeserializer<?>> READERS = CONTRACTS.stream()
      .<SpecificAvroDeserializer<?>>map(type -> new SpecificAvroDeserializer<>(REGISTRY, type, true))
      .toList();
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  static {
    // Resolving a writer against a reader happens once per pair and is not what is measured.
    for (int reader = 0; reader < READERS.size(); reader++) {
      for (int writer = 0; writer < WRITER_IDS.size(); writer++) {
        decode(new byte[] {(byte) (0x80 | reader), (byte) writer});
      }
    }
  }

  private static List<Integer> registerWriters() {
    List<Integer> ids = new ArrayList<>();
    for (Class<? extends SpecificRecord> contract : CONTRACTS) {
      for (Schema writer : writers(contract)) {
        ids.add(REGISTRY.register(contract.getSimpleName() + "-value", writer));
      }
    }
    ids.add(REGISTRY.register("AlertEvent-value", ALERT_WITH_NULLS));
    ids.add(REGISTRY.register("text-value", Schema.create(Schema.Type.STRING)));
    ids.add(Integer.MAX_VALUE);
    return ids.stream().distinct().toList();
  }

  @FuzzTest
  void anyBytesDecodeOrRaiseATypedException(byte[] input) {
    decodeWithinAllowance(input);
  }

  @Test
  void aTwoGigabyteLengthPrefixIsRefusedWithoutAllocatingIt() {
    assertThat(decodeWithinAllowance(alertWithFirstStringClaiming(Integer.MAX_VALUE)))
        .isInstanceOf(TruncatedPayloadException.class);
  }

  @Test
  void aLengthPrefixJustUnderAvrosOwnLimitAllocatesNoMoreThanThePayloadWarrants() {
    assertThat(decodeWithinAllowance(alertWithFirstStringClaiming((16 << 20) - 1)))
        .isInstanceOf(TruncatedPayloadException.class);
  }

  @Test
  void aTrillionItemsOfNothingAreRefusedRatherThanSkipped() {
    byte[] body = RandomRecords.encoded(ALERT_WITH_NULLS, new Random(1));
    // The last field is the array of nulls, empty: its block count is the final byte.
    byte[] claimingATrillion = Arrays.copyOf(body, body.length + 5);
    long zigZag = (1L << 40) << 1;
    int at = body.length - 1;
    while ((zigZag & ~0x7fL) != 0) {
      claimingATrillion[at++] = (byte) ((zigZag & 0x7f) | 0x80);
      zigZag >>>= 7;
    }
    claimingATrillion[at] = (byte) zigZag;
    assertThat(decodeWithinAllowance(seed(AlertEvent.class, ALERT_WITH_NULLS, claimingATrillion)))
        .isInstanceOf(TruncatedPayloadException.class);
  }

  @Test
  void theLayoutReachesEveryContractAndVersion() {
    Random random = new Random(7);
    for (Class<? extends SpecificRecord> contract : CONTRACTS) {
      for (Schema writer : writers(contract)) {
        for (int i = 0; i < 50; i++) {
          assertThat(decodeWithinAllowance(seed(contract, writer, RandomRecords.encoded(writer, random))))
              .as("%s written with %s", contract.getSimpleName(), writer)
              .isInstanceOf(contract);
        }
      }
    }
  }

  /** The fuzz input that decodes {@code body}, written with {@code writer}, as a {@code contract}. */
  static byte[] seed(Class<? extends SpecificRecord> contract, Schema writer, byte[] body) {
    byte[] input = new byte[2 + body.length];
    input[0] = (byte) (0x80 | CONTRACTS.indexOf(contract));
    input[1] = (byte) WRITER_IDS.indexOf(REGISTRY.lookup(contract.getSimpleName() + "-value", writer).id());
    System.arraycopy(body, 0, input, 2, body.length);
    return input;
  }

  /** Every released version of {@code contract}, then its current schema. */
  static List<Schema> writers(Class<? extends SpecificRecord> contract) {
    List<Schema> writers = new ArrayList<>();
    ReleasedSchemas.versions(contract).forEach(version -> writers.add(ReleasedSchemas.released(contract, version)));
    writers.add(SpecificData.get().getSchema(contract));
    return writers;
  }

  /**
   * Decodes one fuzz input twice and checks the allocation bound on the second decode. The first
   * may load classes on this thread, and while fuzzing, Jazzer instruments each class as it loads,
   * on the same thread: megabytes that a 62-byte input does not cost, counted against it. An input
   * that makes the decoder allocate what its bytes do not warrant does so every time.
   *
   * @return the decoded record or the {@link WireFormatException} raised; any other exception
   *     propagates and fails the test
   */
  static Object decodeWithinAllowance(byte[] input) {
    decode(input);
    long threadId = Thread.currentThread().threadId();
    long allocatedBefore = THREADS.getThreadAllocatedBytes(threadId);
    Object outcome = decode(input);
    long allocated = THREADS.getThreadAllocatedBytes(threadId) - allocatedBefore;
    assertThat(allocated)
        .as("bytes allocated to decode a %d-byte input", input.length)
        .isLessThanOrEqualTo(FIXED_ALLOWANCE_BYTES + ALLOWANCE_PER_PAYLOAD_BYTE * input.length);
    return outcome;
  }

  private static Object decode(byte[] input) {
    if (input.length < 2) {
      return null;
    }
    SpecificAvroDeserializer<?> reader = READERS.get((input[0] & 0x7f) % READERS.size());
    byte[] payload = (input[0] & 0x80) == 0
        ? Arrays.copyOfRange(input, 1, input.length)
        : framed(WRITER_IDS.get((input[1] & 0xff) % WRITER_IDS.size()), Arrays.copyOfRange(input, 2, input.length));
    try {
      return reader.deserialize("fuzzed", payload);
    } catch (WireFormatException e) {
      return e;
    }
  }

  /** An input for the current AlertEvent whose first field, a string, claims {@code length} bytes and has none. */
  private static byte[] alertWithFirstStringClaiming(long length) {
    ByteArrayOutputStream input = new ByteArrayOutputStream();
    input.write(0x80 | CONTRACTS.indexOf(AlertEvent.class));
    input.write(WRITER_IDS.indexOf(REGISTRY.lookup("AlertEvent-value", AlertEvent.getClassSchema()).id()));
    long zigZag = length << 1;
    while ((zigZag & ~0x7fL) != 0) {
      input.write((int) ((zigZag & 0x7f) | 0x80));
      zigZag >>>= 7;
    }
    input.write((int) zigZag);
    return input.toByteArray();
  }

  private static byte[] framed(int schemaId, byte[] body) {
    byte[] payload = new byte[WireFormat.HEADER_LENGTH + body.length];
    WireFormat.writeHeader(schemaId, payload);
    System.arraycopy(body, 0, payload, WireFormat.HEADER_LENGTH, body.length);
    return payload;
  }
}
