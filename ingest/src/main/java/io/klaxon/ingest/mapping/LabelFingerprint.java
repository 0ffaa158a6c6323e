package io.klaxon.ingest.mapping;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * An alert's fingerprint as Alertmanager computes it for its API and its webhook payloads
 * ({@code model.LabelSet.Fingerprint()} of prometheus/common): a 64-bit FNV-1a hash over the label
 * names in byte order, each name and value followed by the byte 0xFF, written as 16 lower-case hex
 * digits. So an alert that reaches Klaxon through Prometheus, directly or through an Alertmanager,
 * has the fingerprint Alertmanager shows for it. Stateless.
 */
public final class LabelFingerprint {
  private static final long OFFSET = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;
  private static final int SEPARATOR = 0xff;

  private LabelFingerprint() {}

  /** The fingerprint of {@code labels}. */
  public static String of(Map<String, String> labels) {
    List<byte[][]> pairs = new ArrayList<>();
    labels.forEach((name, value) ->
        pairs.add(new byte[][] {name.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8)}));
    // Go sorts strings by their bytes, which differs from Java's UTF-16 order past the BMP.
    pairs.sort((a, b) -> Arrays.compareUnsigned(a[0], b[0]));
    long hash = OFFSET;
    for (byte[][] pair : pairs) {
      hash = add(add(hash, pair[0]), SEPARATOR);
      hash = add(add(hash, pair[1]), SEPARATOR);
    }
    return HexFormat.of().toHexDigits(hash);
  }

  private static long add(long hash, byte[] bytes) {
    for (byte b : bytes) {
      hash = add(hash, b & 0xff);
    }
    return hash;
  }

  private static long add(long hash, int octet) {
    return (hash ^ octet) * PRIME;
  }
}
