package io.klaxon.cli.tenants;

import io.klaxon.contract.ApiKeys;
import io.klaxon.events.ApiKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a tenant file's {@code apiKeys}: a list of {@code {id, hash, expiresAt?, revoked?}}, the
 * tenant's keys for the HTTP ingest service, stored as hashes only ({@link ApiKeys}). Every problem
 * goes to the reader's sink with its path. A key pasted where its hash belongs is refused without
 * being repeated. Stateless.
 */
final class ApiKeysReader {
  private static final Set<String> FIELDS = Set.of("id", "hash", "expiresAt", "revoked");

  private ApiKeysReader() {}

  /** The keys under {@code node} (absent: none). */
  static List<ApiKey> read(NodeReader r, Located node) {
    List<ApiKey> keys = new ArrayList<>();
    Map<String, String> ids = new LinkedHashMap<>();
    Map<String, String> hashes = new LinkedHashMap<>();
    List<Located> items = r.sequence(node, "apiKeys");
    for (int i = 0; i < items.size(); i++) {
      String path = "apiKeys[" + i + "]";
      Located.Mapping map = r.mapping(items.get(i), path, FIELDS);
      if (map == null) {
        continue;
      }
      Located idNode = r.required(map, path, "id");
      String id = r.string(idNode, path + ".id");
      if (id != null && !ApiKeys.ID.matcher(id).matches()) {
        r.sink().error(idNode, path + ".id", "'" + id + "' is not a valid key id (letters, digits, _ . -; at most 64)");
      } else if (id != null && ids.containsKey(id)) {
        r.sink().error(idNode, path + ".id", "duplicate key id '" + id + "' (first defined at " + ids.get(id) + ")");
      } else if (id != null) {
        ids.put(id, path);
      }
      Located hashNode = r.required(map, path, "hash");
      String hash = hash(r, hashNode, path + ".hash");
      if (hash != null && hashes.containsKey(hash)) {
        r.sink().error(hashNode, path + ".hash", "the same hash as " + hashes.get(hash));
      } else if (hash != null) {
        hashes.put(hash, path);
      }
      Located expiresNode = r.optional(map, "expiresAt");
      Instant expiresAt = expiresAt(r, expiresNode, path + ".expiresAt");
      Boolean revoked = r.bool(r.optional(map, "revoked"), path + ".revoked");
      keys.add(ApiKey.newBuilder().setId(id == null ? "" : id).setHash(hash == null ? "" : hash)
          .setExpiresAt(expiresAt).setRevoked(revoked != null && revoked).build());
    }
    return keys;
  }

  private static String hash(NodeReader r, Located node, String path) {
    if (node instanceof Located.Scalar s && s.value() instanceof String text && ApiKeys.looksLikeKey(text.strip())) {
      r.sink().error(node, path, "this is an API key, not its hash: treat the key as leaked, make a new one with"
          + " 'klaxon tenants key new' and put the hash it prints here");
      return null;
    }
    String hash = r.string(node, path);
    if (hash != null && !ApiKeys.HASH.matcher(hash).matches()) {
      r.sink().error(node, path, "expected sha256: and 64 lower-case hex digits, as 'klaxon tenants key new' prints");
      return null;
    }
    return hash;
  }

  private static Instant expiresAt(NodeReader r, Located node, String path) {
    String text = r.string(node, path);
    if (text == null) {
      return null;
    }
    try {
      return KeyExpiry.parse(text);
    } catch (DateTimeParseException e) {
      r.sink().error(node, path, "'" + text + "' is not " + KeyExpiry.EXPECTED);
      return null;
    }
  }
}
