package io.klaxon.cli.tenants;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the problems of one file, stamping each with the file name and the node's location.
 * Not thread-safe: one per file being checked.
 */
final class ProblemSink {
  private final String file;
  private final List<Problem> problems = new ArrayList<>();

  ProblemSink(String file) {
    this.file = file;
  }

  String file() {
    return file;
  }

  void error(int line, int column, String path, String message) {
    problems.add(new Problem(file, line, column, path, Problem.Level.ERROR, message));
  }

  void error(Located at, String path, String message) {
    error(at.line(), at.column(), path, message);
  }

  void warn(Located at, String path, String message) {
    problems.add(new Problem(file, at.line(), at.column(), path, Problem.Level.WARNING, message));
  }

  void addAll(List<Problem> more) {
    problems.addAll(more);
  }

  boolean hasErrors() {
    return problems.stream().anyMatch(Problem::isError);
  }

  List<Problem> problems() {
    return List.copyOf(problems);
  }
}
