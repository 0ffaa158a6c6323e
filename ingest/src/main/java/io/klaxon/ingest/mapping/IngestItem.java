package io.klaxon.ingest.mapping;

import io.klaxon.contract.FieldProblem;
import io.klaxon.events.AlertEvent;
import java.util.List;

/**
 * One item of a request, read: the event it becomes, or what is wrong with it (never both).
 * Immutable.
 *
 * @param index the item's position in the request's list (0 for a single object)
 * @param event the event, or null when the item is invalid
 * @param problems what is wrong, with field paths relative to the item; empty when it is valid
 */
public record IngestItem(int index, AlertEvent event, List<FieldProblem> problems) {
  public IngestItem {
    problems = List.copyOf(problems);
    if ((event == null) == problems.isEmpty()) {
      throw new IllegalArgumentException("an item is either an event or a list of problems");
    }
  }

  public static IngestItem valid(int index, AlertEvent event) {
    return new IngestItem(index, event, List.of());
  }

  public static IngestItem invalid(int index, List<FieldProblem> problems) {
    return new IngestItem(index, null, problems);
  }

  public boolean isValid() {
    return event != null;
  }
}
