package io.klaxon.cli.tenants;

import io.klaxon.ops.Durations;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Typed access to a {@link Located} tree that reports every mismatch to a {@link ProblemSink}
 * instead of throwing: each accessor returns null (or an empty list) after recording why. Not
 * thread-safe (shares its sink).
 */
final class NodeReader {
  private final ProblemSink sink;

  NodeReader(ProblemSink sink) {
    this.sink = sink;
  }

  ProblemSink sink() {
    return sink;
  }

  static String child(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** The node as a mapping whose keys are all in {@code known}; unknown keys are errors. */
  Located.Mapping mapping(Located node, String path, Set<String> known) {
    if (!(node instanceof Located.Mapping map)) {
      sink.error(node, path, "expected a map, found " + node.kind());
      return null;
    }
    for (Located.Entry entry : map.entries().values()) {
      if (!known.contains(entry.key())) {
        String hint = Suggestions.closest(entry.key(), known).map(s -> " (did you mean '" + s + "'?)").orElse("");
        sink.error(entry.line(), entry.column(), child(path, entry.key()), "unknown field" + hint);
      }
    }
    return map;
  }

  /** The value of a required key, or null after recording that it is missing or null. */
  Located required(Located.Mapping map, String path, String key) {
    Located.Entry entry = map.entries().get(key);
    if (entry == null || isNull(entry.value())) {
      sink.error(entry == null ? map : entry.value(), child(path, key), "required field is missing");
      return null;
    }
    return entry.value();
  }

  /** The value of an optional key; null when absent or explicitly null. */
  Located optional(Located.Mapping map, String key) {
    Located.Entry entry = map.entries().get(key);
    return entry == null || isNull(entry.value()) ? null : entry.value();
  }

  String string(Located node, String path) {
    if (node == null) {
      return null;
    }
    if (node instanceof Located.Scalar s && s.value() instanceof String text) {
      if (text.isBlank()) {
        sink.error(node, path, "must not be blank");
        return null;
      }
      return text;
    }
    sink.error(node, path, "expected a string, found " + node.kind());
    return null;
  }

  /**
   * A duration in Klaxon's grammar ({@link Durations}); a bare {@code 0} (which YAML reads as a
   * number) is zero, any other bare number lacks its unit.
   */
  Duration duration(Located node, String path) {
    String text;
    if (node instanceof Located.Scalar scalar && scalar.value() instanceof Number number) {
      text = number.toString();
      if (!text.equals("0")) {
        sink.error(node, path, "'" + text + "' has no unit: expected " + Durations.EXPECTED);
        return null;
      }
    } else {
      text = string(node, path);
    }
    if (text == null) {
      return null;
    }
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      sink.error(node, path, e.getMessage());
      return null;
    }
  }

  Boolean bool(Located node, String path) {
    if (node == null) {
      return null;
    }
    if (node instanceof Located.Scalar s && s.value() instanceof Boolean b) {
      return b;
    }
    sink.error(node, path, "expected true or false, found " + node.kind());
    return null;
  }

  /** A whole number in 1..Integer.MAX_VALUE. */
  Integer positiveInt(Located node, String path) {
    if (node == null) {
      return null;
    }
    if (node instanceof Located.Scalar s && isWhole(s.value())) {
      BigInteger n = new BigInteger(s.value().toString());
      if (n.signum() <= 0) {
        sink.error(node, path, "must be positive, found " + n);
        return null;
      }
      if (n.bitLength() > 31) {
        sink.error(node, path, "must be at most " + Integer.MAX_VALUE);
        return null;
      }
      return n.intValue();
    }
    sink.error(node, path, "expected a whole number, found " + node.kind());
    return null;
  }

  List<Located> sequence(Located node, String path) {
    if (node == null) {
      return List.of();
    }
    if (node instanceof Located.Sequence seq) {
      return seq.items();
    }
    sink.error(node, path, "expected a list, found " + node.kind());
    return List.of();
  }

  List<String> strings(Located node, String path) {
    List<String> out = new ArrayList<>();
    List<Located> items = sequence(node, path);
    for (int i = 0; i < items.size(); i++) {
      String value = string(items.get(i), path + "[" + i + "]");
      if (value != null) {
        out.add(value);
      }
    }
    return out;
  }

  /** An enum symbol, matched case-insensitively; an error lists the accepted names. */
  <E extends Enum<E>> E symbol(Located node, String path, Class<E> type) {
    String text = string(node, path);
    if (text == null) {
      return null;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(text.trim())) {
        return constant;
      }
    }
    List<String> names = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
    Optional<String> hint = Suggestions.closest(text.toUpperCase(Locale.ROOT), names);
    sink.error(node, path, "unknown " + type.getSimpleName().toLowerCase(Locale.ROOT) + " '" + text + "'"
        + hint.map(h -> " (did you mean '" + h + "'?)").orElse("")
        + "; one of " + names.stream().collect(Collectors.joining(", ")));
    return null;
  }

  private static boolean isNull(Located node) {
    return node instanceof Located.Scalar s && s.value() == null;
  }

  private static boolean isWhole(Object value) {
    return value instanceof Integer || value instanceof Long || value instanceof BigInteger
        || (value instanceof BigDecimal d && d.stripTrailingZeros().scale() <= 0);
  }
}
