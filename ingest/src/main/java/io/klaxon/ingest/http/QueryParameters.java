package io.klaxon.ingest.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The parameters of a request's query string, decoded ({@code +} and {@code %XX}). */
public final class QueryParameters {
  private QueryParameters() {}

  /** Every value of the parameter {@code wanted}, in order; a parameter without {@code =} has none. */
  public static List<String> all(String rawQuery, String wanted) {
    List<String> values = new ArrayList<>();
    forEach(rawQuery, (name, value) -> {
      if (name.equals(wanted)) {
        values.add(value);
      }
    });
    return values;
  }

  /** The last value of each parameter that has one. */
  public static Map<String, String> last(String rawQuery) {
    Map<String, String> values = new HashMap<>();
    forEach(rawQuery, values::put);
    return values;
  }

  private static void forEach(String rawQuery, java.util.function.BiConsumer<String, String> action) {
    if (rawQuery == null) {
      return;
    }
    for (String parameter : rawQuery.split("&", -1)) {
      int equals = parameter.indexOf('=');
      if (equals >= 0) {
        action.accept(URLDecoder.decode(parameter.substring(0, equals), StandardCharsets.UTF_8),
            URLDecoder.decode(parameter.substring(equals + 1), StandardCharsets.UTF_8));
      }
    }
  }
}
