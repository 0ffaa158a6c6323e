package io.klaxon.cli.tenants;

import io.klaxon.contract.LabelMatcherParser;
import io.klaxon.events.CriticalInWindow;
import io.klaxon.events.LabelMatcher;
import io.klaxon.events.MaintenanceWindow;
import io.klaxon.events.Weekday;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a tenant file's {@code maintenanceWindows}: a list of {@code {name, days, start, end,
 * matchers?, critical?}}, recurring times in the tenant's time zone in which its matching alerts
 * are silenced. {@code start} and {@code end} are {@code HH:MM} (end {@code 24:00} allowed; an end
 * at or before the start runs into the next day); {@code days} are weekday names; {@code critical}
 * is {@code pass} (default) or {@code suppress}. Every problem goes to the reader's sink with its
 * path. Stateless.
 */
final class MaintenanceWindowsReader {
  private static final Set<String> FIELDS = Set.of("name", "days", "start", "end", "matchers", "critical");
  private static final Pattern TIME = Pattern.compile("^([01][0-9]|2[0-4]):([0-5][0-9])$");
  private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$");

  private MaintenanceWindowsReader() {}

  /** The windows under {@code node} (absent: none). */
  static List<MaintenanceWindow> read(NodeReader r, Located node) {
    List<MaintenanceWindow> windows = new ArrayList<>();
    Map<String, String> names = new LinkedHashMap<>();
    List<Located> items = r.sequence(node, "maintenanceWindows");
    for (int i = 0; i < items.size(); i++) {
      String path = "maintenanceWindows[" + i + "]";
      Located.Mapping map = r.mapping(items.get(i), path, FIELDS);
      if (map == null) {
        continue;
      }
      Located nameNode = r.required(map, path, "name");
      String name = r.string(nameNode, path + ".name");
      if (name != null && !NAME.matcher(name).matches()) {
        r.sink().error(nameNode, path + ".name", "'" + name + "' is not a valid name (letters, digits, _ . -; at most 64)");
      } else if (name != null && names.containsKey(name)) {
        r.sink().error(nameNode, path + ".name", "duplicate window name '" + name + "' (first defined at " + names.get(name) + ")");
      } else if (name != null) {
        names.put(name, path);
      }
      Located daysNode = r.required(map, path, "days");
      List<Located> dayNodes = r.sequence(daysNode, path + ".days");
      List<Weekday> days = new ArrayList<>();
      for (int d = 0; d < dayNodes.size(); d++) {
        Weekday day = r.symbol(dayNodes.get(d), path + ".days[" + d + "]", Weekday.class);
        if (day != null && !days.contains(day)) {
          days.add(day);
        }
      }
      if (daysNode instanceof Located.Sequence seq && seq.items().isEmpty()) {
        r.sink().error(daysNode, path + ".days", "a window needs at least one day");
      }
      Integer start = minute(r, r.required(map, path, "start"), path + ".start", false);
      Integer end = minute(r, r.required(map, path, "end"), path + ".end", true);
      List<LabelMatcher> matchers = matchers(r, r.optional(map, "matchers"), path + ".matchers");
      Located criticalNode = r.optional(map, "critical");
      CriticalInWindow critical = criticalNode == null ? CriticalInWindow.PASS
          : r.symbol(criticalNode, path + ".critical", CriticalInWindow.class);
      windows.add(new MaintenanceWindow(name == null ? "" : name, days, start == null ? 0 : start, end == null ? 0 : end,
          matchers, critical == null ? CriticalInWindow.PASS : critical));
    }
    return windows;
  }

  /** Alertmanager-style matchers under {@code node} (a list of strings); each bad one is an error at its index. */
  static List<LabelMatcher> matchers(NodeReader r, Located node, String path) {
    List<LabelMatcher> matchers = new ArrayList<>();
    List<Located> nodes = r.sequence(node, path);
    for (int m = 0; m < nodes.size(); m++) {
      String matcherPath = path + "[" + m + "]";
      String text = r.string(nodes.get(m), matcherPath);
      if (text == null) {
        continue;
      }
      switch (LabelMatcherParser.parse(text)) {
        case LabelMatcherParser.Valid v -> matchers.add(v.matcher());
        case LabelMatcherParser.Invalid inv -> r.sink().error(nodes.get(m), matcherPath, inv.reason());
      }
    }
    return matchers;
  }

  private static Integer minute(NodeReader r, Located node, String path, boolean endOfDayAllowed) {
    String text = r.string(node, path);
    if (text == null) {
      return null;
    }
    Matcher m = TIME.matcher(text.trim());
    int minute = m.matches() ? Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2)) : -1;
    if (minute < 0 || minute > 24 * 60 || (minute == 24 * 60 && !endOfDayAllowed)) {
      r.sink().error(node, path, "'" + text + "' is not a time of day HH:MM (00:00 to " + (endOfDayAllowed ? "24:00" : "23:59") + ")");
      return null;
    }
    return minute;
  }
}
