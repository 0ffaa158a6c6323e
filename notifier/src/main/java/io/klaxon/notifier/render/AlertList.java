package io.klaxon.notifier.render;

import io.klaxon.events.Severity;
import java.util.List;
import java.util.Objects;

/**
 * The alerts a group notification lists, localized and not yet escaped, like the rest of a {@link
 * NotificationView}: a heading, one line per listed alert, and the line that counts the alerts
 * left out. Empty ({@link #NONE}) for an alert or a suppression summary. Immutable.
 *
 * @param title heading of the list
 * @param lines one line per listed alert, in the group's order (changed ones first)
 * @param more "and N more" when the group left alerts out, else null
 */
public record AlertList(String title, List<Line> lines, String more) {
  /** No list: what every notification but a group has. */
  public static final AlertList NONE = new AlertList("", List.of(), null);

  /**
   * One listed alert.
   *
   * @param severity the alert's severity, for its marker (emoji, colour)
   * @param resolved whether the alert is resolved, which its marker shows instead of the severity
   * @param text the line: change marker, severity, title and source
   */
  public record Line(Severity severity, boolean resolved, String text) {
    public Line {
      Objects.requireNonNull(severity, "severity");
      Objects.requireNonNull(text, "text");
    }
  }

  public AlertList {
    Objects.requireNonNull(title, "title");
    lines = List.copyOf(lines);
  }

  /** Whether there is nothing to list. */
  public boolean isEmpty() {
    return lines.isEmpty() && more == null;
  }
}
