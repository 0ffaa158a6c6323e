package io.klaxon.cli.tenants.audit;

import io.klaxon.events.DataKey;
import io.klaxon.events.FieldChange;
import io.klaxon.events.TenantConfig;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * The settings that differ between two versions of a tenant's configuration, field by field:
 * records by field name, lists of records with an {@code id} or {@code name} by it (so inserting a
 * target does not show every later target as changed), other lists by index, maps by key. {@code
 * updatedAt} is left out. Data keys appear by id, created when and wrapped by which master key, never
 * their bytes. API key hashes never appear: their before reads {@code hidden}, their
 * after {@code changed}; everything else a TenantConfig holds is a setting or a secret reference,
 * never a secret. Stateless and thread-safe.
 */
public final class TenantDiff {
  private static final String HASH_BEFORE = "hidden";
  private static final String HASH_AFTER = "changed";

  private TenantDiff() {}

  /** The changes from {@code before} to {@code after}; either may be null (no tenant). */
  public static List<FieldChange> between(TenantConfig before, TenantConfig after) {
    List<FieldChange> changes = new ArrayList<>();
    Schema schema = TenantConfig.getClassSchema();
    for (Schema.Field field : schema.getFields()) {
      if (field.name().equals("updatedAt")) {
        continue;
      }
      if (field.name().equals("dataKeys")) {
        dataKeys(before == null ? List.of() : before.getDataKeys(), after == null ? List.of() : after.getDataKeys(), changes);
        continue;
      }
      diff(field.name(), field.schema(), before == null ? null : before.get(field.pos()),
          after == null ? null : after.get(field.pos()), false, changes);
    }
    return changes;
  }

  /** Data keys by their id, each told as when it was created and which master key wraps it, never its bytes. */
  private static void dataKeys(List<DataKey> before, List<DataKey> after, List<FieldChange> out) {
    Map<String, DataKey> b = new LinkedHashMap<>();
    before.forEach(k -> b.put(k.getKeyId(), k));
    Map<String, DataKey> a = new LinkedHashMap<>();
    after.forEach(k -> a.put(k.getKeyId(), k));
    for (String id : union(b.keySet(), a.keySet())) {
      String was = describe(b.get(id));
      String is = describe(a.get(id));
      if (!Objects.equals(was, is)) {
        out.add(new FieldChange("dataKeys[" + id + "]", was, is));
      }
    }
  }

  private static String describe(DataKey key) {
    return key == null ? null : "created " + key.getCreatedAt() + ", wrapped by master key " + key.getMasterKeyId();
  }

  private static void diff(String path, Schema schema, Object before, Object after, boolean hash, List<FieldChange> out) {
    if (Objects.equals(before, after)) {
      return;
    }
    Schema type = schema.getType() == Schema.Type.UNION ? branch(schema, after != null ? after : before) : schema;
    switch (type.getType()) {
      case RECORD -> {
        for (Schema.Field field : type.getFields()) {
          diff(path + "." + field.name(), field.schema(), field(before, field), field(after, field),
              field.name().equals("hash"), out);
        }
      }
      case ARRAY -> {
        Map<String, Object> b = entries(type.getElementType(), (List<?>) before);
        Map<String, Object> a = entries(type.getElementType(), (List<?>) after);
        for (String key : union(b.keySet(), a.keySet())) {
          diff(path + "[" + key + "]", type.getElementType(), b.get(key), a.get(key), false, out);
        }
      }
      case MAP -> {
        Map<String, Object> b = keyed((Map<?, ?>) before);
        Map<String, Object> a = keyed((Map<?, ?>) after);
        for (String key : union(b.keySet(), a.keySet())) {
          diff(path + "." + key, type.getValueType(), b.get(key), a.get(key), false, out);
        }
      }
      default -> out.add(hash
          ? new FieldChange(path, before == null ? null : HASH_BEFORE, after == null ? null : HASH_AFTER)
          : new FieldChange(path, text(before), text(after)));
    }
  }

  private static Schema branch(Schema union, Object value) {
    List<Schema> present = union.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).toList();
    if (value == null || present.size() != 1) {
      // Klaxon's unions are [null, T]; anything else is compared as text.
      return Schema.create(Schema.Type.STRING);
    }
    return present.getFirst();
  }

  private static Object field(Object record, Schema.Field field) {
    return record == null ? null : ((IndexedRecord) record).get(field.pos());
  }

  /** List entries by their id or name when the elements are records that have one, else by index. */
  private static Map<String, Object> entries(Schema element, List<?> list) {
    Map<String, Object> entries = new LinkedHashMap<>();
    if (list == null) {
      return entries;
    }
    Schema.Field key = element.getType() != Schema.Type.RECORD ? null
        : element.getField("id") != null ? element.getField("id") : element.getField("name");
    for (int i = 0; i < list.size(); i++) {
      Object id = key == null ? null : ((IndexedRecord) list.get(i)).get(key.pos());
      String name = id == null ? Integer.toString(i) : id.toString();
      entries.put(entries.containsKey(name) ? name + "#" + i : name, list.get(i));
    }
    return entries;
  }

  private static Map<String, Object> keyed(Map<?, ?> map) {
    Map<String, Object> keyed = new LinkedHashMap<>();
    if (map != null) {
      map.forEach((k, v) -> keyed.put(k.toString(), v));
    }
    return keyed;
  }

  private static List<String> union(Iterable<String> first, Iterable<String> second) {
    List<String> keys = new ArrayList<>();
    first.forEach(keys::add);
    for (String key : second) {
      if (!keys.contains(key)) {
        keys.add(key);
      }
    }
    return keys;
  }

  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof ByteBuffer bytes) {
      return bytes.remaining() + " bytes";
    }
    return value.toString();
  }
}
