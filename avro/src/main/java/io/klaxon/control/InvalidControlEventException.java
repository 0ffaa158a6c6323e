package io.klaxon.control;

import io.klaxon.contract.FieldProblem;
import java.util.List;

/** A silence or acknowledgement that breaks a rule of {@link ControlRules}; nothing was written. */
public final class InvalidControlEventException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final transient List<FieldProblem> problems;

  public InvalidControlEventException(List<FieldProblem> problems) {
    super(String.join("; ", problems.stream().map(FieldProblem::toString).toList()));
    this.problems = List.copyOf(problems);
  }

  /** Each problem, naming its field. */
  public List<FieldProblem> problems() {
    return problems;
  }
}
