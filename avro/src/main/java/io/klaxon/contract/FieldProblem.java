package io.klaxon.contract;

import java.util.Objects;

/**
 * What is wrong with one field of an input, as data: the field's path in the input ({@code
 * labels.env}, {@code links[0].url}; empty for the input as a whole) and a message that says what
 * was expected. Messages never hold secrets. Immutable.
 *
 * @param field where the problem is
 * @param message what is wrong
 */
public record FieldProblem(String field, String message) {
  public FieldProblem {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  /** The same problem at {@code field}. */
  public FieldProblem at(String field) {
    return new FieldProblem(field, message);
  }

  /** {@code field: message}, or the message alone for the input as a whole. */
  @Override
  public String toString() {
    return field.isEmpty() ? message : field + ": " + message;
  }
}
