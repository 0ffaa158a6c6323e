package io.klaxon.ingest.http;

import io.klaxon.contract.LabelMatcherParser;
import io.klaxon.events.LabelMatcher;
import java.util.ArrayList;
import java.util.List;

/** The {@code filter} parameters of Alertmanager's list requests (silences, alerts), read as matchers. */
public final class FilterMatchers {
  private FilterMatchers() {}

  /**
   * @throws IllegalArgumentException naming the first filter that is not a matcher ({@code filter[i] '...': why})
   */
  public static List<LabelMatcher> parse(List<String> filters) {
    List<LabelMatcher> matchers = new ArrayList<>();
    for (int i = 0; i < filters.size(); i++) {
      switch (LabelMatcherParser.parse(filters.get(i))) {
        case LabelMatcherParser.Valid valid -> matchers.add(valid.matcher());
        case LabelMatcherParser.Invalid invalid ->
            throw new IllegalArgumentException("filter[" + i + "] '" + filters.get(i) + "': " + invalid.reason());
      }
    }
    return matchers;
  }
}
