package io.klaxon.cli.tenants;

import java.util.Objects;

/**
 * One finding about a tenant file: where it is (file, 1-based line and column, field path) and
 * what is wrong. Immutable. {@link #toString()} renders the compiler-style line the CLI prints, for
 * example {@code acme.yaml:14:9: routes[0].targets[1]: unknown target id 'pager'}. Messages never
 * contain a secret value: a suspected literal secret is described, not echoed.
 */
public record Problem(String file, int line, int column, String fieldPath, Level level, String message) {

  /** An error makes the file invalid; a warning is printed but the file is still applied. */
  public enum Level {
    ERROR,
    WARNING
  }

  public Problem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(message, "message");
    fieldPath = fieldPath == null ? "" : fieldPath;
  }

  public boolean isError() {
    return level == Level.ERROR;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(file);
    if (line > 0) {
      out.append(':').append(line);
      if (column > 0) {
        out.append(':').append(column);
      }
    }
    out.append(": ");
    if (level == Level.WARNING) {
      out.append("warning: ");
    }
    if (!fieldPath.isEmpty()) {
      out.append(fieldPath).append(": ");
    }
    return out.append(message).toString();
  }
}
