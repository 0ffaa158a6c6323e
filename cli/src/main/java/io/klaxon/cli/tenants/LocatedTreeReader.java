package io.klaxon.cli.tenants;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one YAML or JSON document into a {@link Located} tree with Jackson's streaming parser, so
 * that every node keeps its line and column. A duplicated key is reported as a problem (the later
 * value wins in the tree), and so is a YAML alias ({@code *name}, merge keys included): aliases are
 * not resolved, and the node reads as null. Nesting deeper than {@value #MAX_DEPTH} levels is
 * refused, so that the depth of the reader's recursion never depends on the text (a tenant file
 * nests a handful of levels). Syntax errors come back as a problem, never as an exception.
 * Thread-safe: holds only immutable factories.
 */
public final class LocatedTreeReader {
  /** The deepest nesting of mappings and sequences read. */
  static final int MAX_DEPTH = 64;

  private final JsonFactory yaml = new YAMLFactory();
  private final JsonFactory json = new JsonFactory();

  /** The outcome of reading: the root (null when the text is empty or broken) and any problems. */
  public record Result(Located root, List<Problem> problems) {}

  /**
   * @param fileName name used in problems
   * @param asJson true for JSON syntax, false for YAML
   */
  public Result read(String fileName, Reader text, boolean asJson) {
    List<Problem> problems = new ArrayList<>();
    try (JsonParser parser = (asJson ? json : yaml).createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        problems.add(new Problem(fileName, 0, 0, "", Problem.Level.ERROR, "the file is empty"));
        return new Result(null, problems);
      }
      Located root = readValue(fileName, parser, "", 1, problems);
      return new Result(root, problems);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      problems.add(new Problem(fileName, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), "",
          Problem.Level.ERROR, "syntax error: " + oneLine(e.getOriginalMessage())));
      return new Result(null, problems);
    } catch (IOException e) {
      problems.add(new Problem(fileName, 0, 0, "", Problem.Level.ERROR, "cannot read: " + e.getMessage()));
      return new Result(null, problems);
    }
  }

  // YAML parser messages span several lines with a source excerpt; the location is reported separately.
  private static String oneLine(String message) {
    return message.lines()
        .filter(l -> !l.isBlank() && !l.startsWith(" in ") && !l.startsWith("    "))
        .map(String::strip)
        .reduce((a, b) -> a + "; " + b)
        .orElse("unreadable");
  }

  private Located readValue(String fileName, JsonParser parser, String path, int depth, List<Problem> problems)
      throws IOException {
    JsonLocation at = parser.currentTokenLocation();
    int line = at.getLineNr();
    int column = at.getColumnNr();
    JsonToken token = parser.currentToken();
    if (depth > MAX_DEPTH && (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY)) {
      throw new JsonParseException(parser, "nested deeper than " + MAX_DEPTH + " levels");
    }
    switch (token) {
      case START_OBJECT -> {
        Map<String, Located.Entry> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          JsonLocation keyAt = parser.currentTokenLocation();
          parser.nextToken();
          String childPath = path.isEmpty() ? key : path + "." + key;
          Located value = readValue(fileName, parser, childPath, depth + 1, problems);
          if (entries.containsKey(key)) {
            problems.add(new Problem(fileName, keyAt.getLineNr(), keyAt.getColumnNr(), childPath, Problem.Level.ERROR,
                "duplicate key '" + key + "'"));
          }
          entries.put(key, new Located.Entry(key, keyAt.getLineNr(), keyAt.getColumnNr(), value));
        }
        return new Located.Mapping(line, column, entries);
      }
      case START_ARRAY -> {
        List<Located> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          items.add(readValue(fileName, parser, path + "[" + items.size() + "]", depth + 1, problems));
        }
        return new Located.Sequence(line, column, items);
      }
      case VALUE_STRING -> {
        if (parser instanceof YAMLParser yamlParser && yamlParser.isCurrentAlias()) {
          // Jackson hands an alias over as a string holding the anchor's name: refuse it rather
          // than let "*name" silently become the text "name".
          problems.add(new Problem(fileName, line, column, path, Problem.Level.ERROR,
              "YAML aliases are not supported (*" + parser.getText() + "): write the value out"));
          return new Located.Scalar(line, column, null);
        }
        return new Located.Scalar(line, column, parser.getText());
      }
      case VALUE_NUMBER_INT -> {
        return new Located.Scalar(line, column, parser.getNumberValue());
      }
      case VALUE_NUMBER_FLOAT -> {
        return new Located.Scalar(line, column, parser.getDoubleValue());
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return new Located.Scalar(line, column, parser.getBooleanValue());
      }
      case VALUE_NULL -> {
        return new Located.Scalar(line, column, null);
      }
      default -> {
        // Embedded objects (YAML binary tags) have no place in a tenant file.
        problems.add(new Problem(fileName, line, column, path, Problem.Level.ERROR, "unsupported value " + token));
        return new Located.Scalar(line, column, null);
      }
    }
  }
}
