package io.klaxon.cli.tenants;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A message bundle file in the format of Klaxon's own ({@code .properties}, UTF-8: {@code key =
 * pattern} per line, {@code #} comments, {@code \} continues a line), read with {@link Properties}
 * and with the line and column where each key is written, so that a problem can point at it.
 * Immutable.
 *
 * @param file the file, as problems name it
 * @param messages key → pattern, in file order
 * @param keys key → where it is written (a {@link Located.Scalar} holding the key)
 */
record PropertiesBundleFile(String file, Map<String, String> messages, Map<String, Located> keys) {

  /**
   * Reads {@code path}.
   *
   * @throws IOException when it cannot be read, is not UTF-8 or has a malformed escape
   */
  static PropertiesBundleFile read(Path path, String file) throws IOException {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(path))).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IOException("not UTF-8 text", e);
    }
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(text));
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
    Map<String, Located> keys = locateKeys(text);
    Map<String, String> messages = new LinkedHashMap<>();
    keys.keySet().forEach(key -> messages.put(key, properties.getProperty(key)));
    properties.stringPropertyNames().forEach(key -> messages.putIfAbsent(key, properties.getProperty(key)));
    return new PropertiesBundleFile(file, messages, keys);
  }

  /** Where each key starts: the first non-blank character of each logical line that is not a comment. */
  private static Map<String, Located> locateKeys(String text) {
    Map<String, Located> keys = new LinkedHashMap<>();
    List<String> lines = text.lines().toList();
    boolean continued = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      boolean starts = !continued;
      continued = endsWithOddBackslashes(line);
      int column = 0;
      while (column < line.length() && Character.isWhitespace(line.charAt(column))) {
        column++;
      }
      if (!starts || column == line.length() || line.charAt(column) == '#' || line.charAt(column) == '!') {
        continue;
      }
      String key = key(line, column);
      keys.putIfAbsent(key, new Located.Scalar(i + 1, column + 1, key));
    }
    return keys;
  }

  /** The key of a logical line starting at {@code from}: up to the first unescaped =, : or blank. */
  private static String key(String line, int from) {
    Properties one = new Properties();
    int end = from;
    while (end < line.length()) {
      char c = line.charAt(end);
      if (c == '\\') {
        end += 2;
        continue;
      }
      if (c == '=' || c == ':' || Character.isWhitespace(c)) {
        break;
      }
      end++;
    }
    try {
      one.load(new StringReader(line.substring(from, Math.min(end, line.length())) + "="));
    } catch (IOException | IllegalArgumentException e) {
      return line.substring(from, Math.min(end, line.length()));
    }
    return one.stringPropertyNames().stream().findFirst().orElse("");
  }

  private static boolean endsWithOddBackslashes(String line) {
    int count = 0;
    for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
      count++;
    }
    return count % 2 == 1;
  }
}
