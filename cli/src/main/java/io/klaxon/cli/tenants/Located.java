package io.klaxon.cli.tenants;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed YAML or JSON value that remembers where it started in its file (1-based line and
 * column; 0 when unknown). Immutable once built by {@link LocatedTreeReader}.
 */
public sealed interface Located {

  int line();

  int column();

  /** A short name of the node kind for messages ("a map", "a list", "a string"...). */
  String kind();

  /** A mapping; entries keep the file's order. */
  record Mapping(int line, int column, Map<String, Entry> entries) implements Located {
    public Mapping {
      entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    @Override
    public String kind() {
      return "a map";
    }
  }

  /** One key of a mapping, with the location of the key itself. */
  record Entry(String key, int line, int column, Located value) {}

  /** A sequence. */
  record Sequence(int line, int column, List<Located> items) implements Located {
    public Sequence {
      items = List.copyOf(items);
    }

    @Override
    public String kind() {
      return "a list";
    }
  }

  /** A scalar: value is a String, Long, Double, BigInteger/BigDecimal, Boolean or null. */
  record Scalar(int line, int column, Object value) implements Located {
    @Override
    public String kind() {
      if (value == null) {
        return "null";
      }
      if (value instanceof String) {
        return "a string";
      }
      if (value instanceof Boolean) {
        return "a boolean";
      }
      return "a number";
    }
  }
}
