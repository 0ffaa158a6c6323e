package io.klaxon.privacy;

import io.klaxon.events.DataKey;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The master key in use and, while a rotation is under way, the previous one: data keys are
 * created and re-wrapped under {@link #current()}, and opened under whichever of the two wrapped
 * them. Rotating the master key without downtime: give every part the new key as current and the
 * old one as previous, run {@code klaxon tenants apply} (it re-wraps every data key under the new
 * key), then drop the previous key. Immutable and thread-safe.
 */
public final class MasterKeys {
  private final MasterKey current;
  private final List<MasterKey> previous;

  public MasterKeys(MasterKey current, List<MasterKey> previous) {
    this.current = Objects.requireNonNull(current, "current");
    this.previous = List.copyOf(previous);
  }

  public static MasterKeys of(MasterKey current) {
    return new MasterKeys(current, List.of());
  }

  public MasterKey current() {
    return current;
  }

  /** A new data key for {@code tenant}, wrapped by the current master key. */
  public DataKey newDataKey(String tenant, Instant now) {
    byte[] key = Crypto.randomBytes(MasterKey.LENGTH);
    String keyId = HexFormat.of().formatHex(Crypto.randomBytes(8));
    return wrap(tenant, keyId, key, now);
  }

  /**
   * The data key itself.
   *
   * @throws SealedDataException when no configured master key has the id the key was wrapped
   *     with, or the wrapped bytes do not open under it
   */
  public SecretKey unwrap(String tenant, DataKey dataKey) {
    MasterKey master = byId(dataKey.getMasterKeyId()).orElseThrow(() -> new SealedDataException("data key "
        + dataKey.getKeyId() + " of tenant " + tenant + " is wrapped by master key " + dataKey.getMasterKeyId()
        + ", which is not configured (current: " + current.id() + ")"));
    byte[] wrapped = Crypto.bytes(dataKey.getWrapped());
    if (wrapped.length != Crypto.NONCE_LENGTH + MasterKey.LENGTH + 16) {
      throw new SealedDataException("data key " + dataKey.getKeyId() + " of tenant " + tenant + " is " + wrapped.length
          + " bytes wrapped, expected " + (Crypto.NONCE_LENGTH + MasterKey.LENGTH + 16));
    }
    byte[] nonce = java.util.Arrays.copyOf(wrapped, Crypto.NONCE_LENGTH);
    byte[] sealed = java.util.Arrays.copyOfRange(wrapped, Crypto.NONCE_LENGTH, wrapped.length);
    return new SecretKeySpec(Crypto.decrypt(master.key(), nonce, sealed, associatedData(tenant, dataKey.getKeyId())), "AES");
  }

  /** {@code dataKey} wrapped by the current master key ({@code dataKey} itself when it already is). */
  public DataKey rewrap(String tenant, DataKey dataKey) {
    if (dataKey.getMasterKeyId().equals(current.id())) {
      return dataKey;
    }
    return wrap(tenant, dataKey.getKeyId(), unwrap(tenant, dataKey).getEncoded(), dataKey.getCreatedAt());
  }

  private DataKey wrap(String tenant, String keyId, byte[] key, Instant createdAt) {
    byte[] nonce = Crypto.randomBytes(Crypto.NONCE_LENGTH);
    byte[] sealed = Crypto.encrypt(current.key(), nonce, key, associatedData(tenant, keyId));
    ByteBuffer wrapped = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).flip();
    return DataKey.newBuilder().setKeyId(keyId).setMasterKeyId(current.id()).setWrapped(wrapped).setCreatedAt(createdAt).build();
  }

  private Optional<MasterKey> byId(String id) {
    List<MasterKey> all = new ArrayList<>(previous.size() + 1);
    all.add(current);
    all.addAll(previous);
    return all.stream().filter(m -> m.id().equals(id)).findFirst();
  }

  private static String associatedData(String tenant, String keyId) {
    return "klaxon-data-key/" + tenant + "/" + keyId;
  }
}
