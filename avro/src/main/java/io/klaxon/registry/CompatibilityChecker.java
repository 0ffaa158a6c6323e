package io.klaxon.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Checks a candidate schema against earlier versions with Avro's {@link SchemaCompatibility}.
 * Stateless and thread-safe.
 */
public final class CompatibilityChecker {
  private CompatibilityChecker() {}

  /**
   * Returns why {@code candidate} is not compatible with {@code earlier} at {@code level}.
   *
   * @param earlier earlier versions, oldest first; non-transitive levels look only at the last
   * @return human-readable problems, each naming the direction and the field path; empty when
   *     compatible
   */
  public static List<String> problems(CompatibilityLevel level, Schema candidate, List<Schema> earlier) {
    List<String> problems = new ArrayList<>();
    if (level == CompatibilityLevel.NONE || earlier.isEmpty()) {
      return problems;
    }
    List<Schema> against = level.transitive() ? earlier : List.of(earlier.get(earlier.size() - 1));
    for (Schema old : against) {
      if (level.checksBackward()) {
        describe("BACKWARD (new schema reading old data)", SchemaCompatibility.checkReaderWriterCompatibility(candidate, old), problems);
      }
      if (level.checksForward()) {
        describe("FORWARD (old schema reading new data)", SchemaCompatibility.checkReaderWriterCompatibility(old, candidate), problems);
      }
    }
    return problems;
  }

  private static void describe(String direction, SchemaPairCompatibility result, List<String> into) {
    for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
      into.add(direction + ": " + incompatibility.getType() + " at " + incompatibility.getLocation()
          + ": " + incompatibility.getMessage());
    }
  }
}
