package io.klaxon.privacy;

import io.klaxon.events.SealedFields;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import io.klaxon.topics.Topic;

/**
 * Seals and opens the personal fields of one kind of record. Sealing encrypts the whole record
 * (Confluent wire format, so a later schema still reads it) with the tenant's current data key and
 * returns a copy whose personal fields are emptied and whose {@code sealed} field holds the
 * ciphertext; opening reverses it. The associated data binds the ciphertext to the record kind,
 * the tenant and the key, so a sealed field moved to another record or tenant does not open.
 * Thread-safe.
 *
 * @param <T> the record type
 */
public final class Sealer<T> {
  private final String kind;
  private final Topic<?, T> topic;
  private final Function<T, String> tenantOf;
  private final Function<T, SealedFields> sealedOf;
  private final BiConsumer<T, SealedFields> setSealed;
  private final UnaryOperator<T> emptied;

  /**
   * @param kind the record kind, in the associated data (e.g. {@code NotificationRequest})
   * @param topic the topic of the records: its value serde writes and reads the whole record (under its subject)
   * @param setSealed sets (or clears, given null) a record's {@code sealed} field; called only on
   *     records this sealer made (an emptied copy, a record it decoded)
   * @param emptied a new record: the given one with its personal fields emptied
   */
  public Sealer(String kind, Topic<?, T> topic, Function<T, String> tenantOf, Function<T, SealedFields> sealedOf,
      BiConsumer<T, SealedFields> setSealed, UnaryOperator<T> emptied) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.topic = Objects.requireNonNull(topic, "topic");
    this.tenantOf = tenantOf;
    this.sealedOf = sealedOf;
    this.setSealed = setSealed;
    this.emptied = emptied;
  }

  /** What opening a record gave. */
  public sealed interface Opened<T> {
    /** The whole record: it was not sealed, or it opened. */
    record Whole<T>(T record) implements Opened<T> {
    }

    /** Its key is destroyed: the personal fields are gone for good; {@code emptied} is what is left. */
    record Erased<T>(T emptied, String reason) implements Opened<T> {
    }

    /** It cannot be opened here now (tenant not known yet, no master key); it may open later or elsewhere. */
    record Unavailable<T>(T emptied, Keyring.Status status, String reason) implements Opened<T> {
    }
  }

  /**
   * {@code record} sealed with its tenant's current key; {@code record} itself when the tenant has
   * none, and its emptied copy when the tenant was erased.
   */
  public T seal(T record, Keyring keyring) {
    if (record == null || sealedOf.apply(record) != null) {
      return record;
    }
    String tenant = tenantOf.apply(record);
    if (tenant == null) {
      return record;
    }
    Keyring.SealingKey key = keyring.sealingKey(tenant).orElse(null);
    if (key == null) {
      // A record of an erased tenant (a retry still under way when the erasure came) keeps no personal field.
      return keyring.erased(tenant) ? emptied.apply(record) : record;
    }
    byte[] whole = topic.valueSerde().serializer().serialize(topic.name(), record);
    byte[] nonce = Crypto.randomBytes(Crypto.NONCE_LENGTH);
    byte[] ciphertext = Crypto.encrypt(key.key(), nonce, whole, associatedData(tenant, key.keyId()));
    SealedFields sealed = SealedFields.newBuilder().setKeyId(key.keyId()).setNonce(ByteBuffer.wrap(nonce))
        .setCiphertext(ByteBuffer.wrap(ciphertext)).build();
    T copy = emptied.apply(record);
    setSealed.accept(copy, sealed);
    return copy;
  }

  /**
   * {@code record} with its personal fields restored, or why they cannot be.
   *
   * @throws SealedDataException when the key is there but the sealed data does not open under it
   *     (altered, or sealed for another tenant or record kind)
   */
  public Opened<T> open(T record, Keyring keyring) {
    SealedFields sealed = record == null ? null : sealedOf.apply(record);
    if (sealed == null) {
      return new Opened.Whole<>(record);
    }
    String tenant = tenantOf.apply(record);
    Keyring.Lookup lookup = keyring.lookup(tenant, sealed.getKeyId());
    switch (lookup.status()) {
      case OPEN -> {
        byte[] whole = Crypto.decrypt(lookup.key(), Crypto.bytes(sealed.getNonce()), Crypto.bytes(sealed.getCiphertext()),
            associatedData(tenant, sealed.getKeyId()));
        T opened = topic.valueSerde().deserializer().deserialize(topic.name(), whole);
        if (!Objects.equals(tenantOf.apply(opened), tenant)) {
          throw new SealedDataException(kind + " sealed for tenant " + tenantOf.apply(opened) + " is on a record of " + tenant);
        }
        setSealed.accept(opened, null);
        return new Opened.Whole<>(opened);
      }
      case ERASED -> {
        return new Opened.Erased<>(record, lookup.problem());
      }
      default -> {
        return new Opened.Unavailable<>(record, lookup.status(), lookup.problem());
      }
    }
  }

  private String associatedData(String tenant, String keyId) {
    return "klaxon-sealed/" + kind + "/" + tenant + "/" + keyId;
  }
}
