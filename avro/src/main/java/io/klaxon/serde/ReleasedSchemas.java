package io.klaxon.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The released versions of each contract, as shipped in this jar (from {@code avro/released/}:
 * {@code <Contract>/v1.avsc}, {@code v2.avsc}, ...), and the choice of the schema a writer uses:
 * {@code latest} (the schema this build was compiled with) or a released version number, so that
 * during a rolling upgrade new writers can keep producing what the oldest running reader was
 * built for. Thread-safe; stateless.
 */
public final class ReleasedSchemas {
  private static final String ROOT = "/io/klaxon/released/";
  private static final Pattern VERSION = Pattern.compile("v?(\\d+)");

  private ReleasedSchemas() {}

  /** The released version numbers of {@code contract}, ascending (empty when none shipped). */
  public static List<Integer> versions(Class<? extends SpecificRecord> contract) {
    List<Integer> versions = new ArrayList<>();
    for (int v = 1; ReleasedSchemas.class.getResource(path(contract, v)) != null; v++) {
      versions.add(v);
    }
    return versions;
  }

  /** Released version {@code version} of {@code contract}. */
  public static Schema released(Class<? extends SpecificRecord> contract, int version) {
    try (InputStream in = ReleasedSchemas.class.getResourceAsStream(path(contract, version))) {
      if (in == null) {
        throw new IllegalArgumentException(unknown(contract, String.valueOf(version)));
      }
      return new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The schema to write {@code contract} with: {@code latest} (also when {@code version} is null
   * or blank) is the compiled schema; {@code 1} or {@code v1} is released version 1.
   *
   * @throws IllegalArgumentException naming the value and the versions there are
   */
  public static Schema writerSchema(Class<? extends SpecificRecord> contract, String version) {
    String value = version == null ? "" : version.trim().toLowerCase(Locale.ROOT);
    if (value.isEmpty() || value.equals("latest")) {
      return SpecificData.get().getSchema(contract);
    }
    Matcher m = VERSION.matcher(value);
    if (!m.matches()) {
      throw new IllegalArgumentException(unknown(contract, version));
    }
    int number;
    try {
      number = Integer.parseInt(m.group(1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(unknown(contract, version), e);
    }
    if (!versions(contract).contains(number)) {
      throw new IllegalArgumentException(unknown(contract, version));
    }
    return released(contract, number);
  }

  private static String path(Class<? extends SpecificRecord> contract, int version) {
    return ROOT + contract.getSimpleName() + "/v" + version + ".avsc";
  }

  private static String unknown(Class<? extends SpecificRecord> contract, String version) {
    List<Integer> versions = versions(contract);
    return "'" + version + "' is not a schema version of " + contract.getSimpleName() + ": expected latest"
        + (versions.isEmpty() ? "" : " or a released version " + versions);
  }
}
