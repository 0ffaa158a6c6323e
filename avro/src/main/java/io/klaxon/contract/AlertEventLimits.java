package io.klaxon.contract;

import io.klaxon.events.AlertEvent;
import io.klaxon.events.Link;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The limits on an {@code AlertEvent}'s fields that need nothing but the event itself (the
 * AlertEvent schema's docs state them): tenant id pattern, event id a UUID, sizes of source,
 * title, message and fingerprint, label count, names and value sizes, link count, URLs and texts,
 * a well-formed locale. Whether the tenant exists and whether {@code occurredAt} lies too far in
 * the future depend on configuration and are checked where that is known. Stateless and
 * thread-safe.
 */
public final class AlertEventLimits {
  public static final Pattern UUID = Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
  public static final Pattern LABEL_NAME = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]{0,63}$");
  public static final int MAX_SOURCE = 128;
  public static final int MAX_TITLE = 256;
  public static final int MAX_MESSAGE = 4096;
  public static final int MAX_LABELS = 32;
  public static final int MAX_LABEL_VALUE = 256;
  public static final int MAX_LINKS = 10;
  public static final int MAX_URL = 2048;
  public static final int MAX_LINK_TEXT = 256;
  public static final int MAX_FINGERPRINT = 128;

  private AlertEventLimits() {}

  /** Every limit {@code event} breaks, in field order; empty when it keeps them all. */
  public static List<FieldProblem> check(AlertEvent event) {
    List<FieldProblem> problems = new ArrayList<>();
    if (!TenantIds.isValid(event.getTenantId())) {
      problems.add(new FieldProblem("tenantId", quote(event.getTenantId()) + " does not match " + TenantIds.PATTERN.pattern()));
    }
    if (!isUuid(event.getEventId())) {
      problems.add(new FieldProblem("eventId", quote(event.getEventId()) + " is not a UUID"));
    }
    text(problems, "source", event.getSource(), MAX_SOURCE, true);
    text(problems, "title", event.getTitle(), MAX_TITLE, true);
    text(problems, "message", event.getMessage(), MAX_MESSAGE, false);
    if (event.getFingerprint() != null) {
      text(problems, "fingerprint", event.getFingerprint(), MAX_FINGERPRINT, true);
    }
    labels(problems, event.getLabels());
    links(problems, event.getLinks());
    if (event.getLocale() != null && !isLanguageTag(event.getLocale())) {
      problems.add(new FieldProblem("locale", quote(event.getLocale()) + " is not a BCP 47 language tag"));
    }
    return problems;
  }

  private static void labels(List<FieldProblem> problems, Map<String, String> labels) {
    if (labels.size() > MAX_LABELS) {
      problems.add(new FieldProblem("labels", labels.size() + " labels, at most " + MAX_LABELS + " allowed"));
    }
    labels.forEach((name, value) -> {
      if (!isLabelName(name)) {
        problems.add(new FieldProblem("labels." + abbreviate(name), "label name does not match " + LABEL_NAME.pattern()));
      } else if (value.length() > MAX_LABEL_VALUE) {
        problems.add(new FieldProblem("labels." + name, value.length() + " characters, at most " + MAX_LABEL_VALUE));
      }
    });
  }

  private static void links(List<FieldProblem> problems, List<Link> links) {
    if (links.size() > MAX_LINKS) {
      problems.add(new FieldProblem("links", links.size() + " links, at most " + MAX_LINKS + " allowed"));
    }
    for (int i = 0; i < links.size(); i++) {
      Link link = links.get(i);
      if (!isHttpUrl(link.getUrl())) {
        problems.add(new FieldProblem("links[" + i + "].url", quote(link.getUrl()) + " is not an absolute http(s) URL"));
      }
      if (link.getText() != null && link.getText().length() > MAX_LINK_TEXT) {
        problems.add(new FieldProblem("links[" + i + "].text", link.getText().length() + " characters, at most " + MAX_LINK_TEXT));
      }
    }
  }

  private static void text(List<FieldProblem> problems, String field, String value, int max, boolean required) {
    if (required && (value == null || value.isBlank())) {
      problems.add(new FieldProblem(field, "must not be empty"));
    } else if (value != null && value.length() > max) {
      problems.add(new FieldProblem(field, value.length() + " characters, at most " + max));
    }
  }

  /**
   * Whether {@code value} is a UUID in its 36-character text form, hex digits in either case: what
   * {@link #UUID} matches, checked without a regular expression (every input record is checked).
   */
  public static boolean isUuid(String value) {
    if (value == null || value.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = value.charAt(i);
      boolean ok = i == 8 || i == 13 || i == 18 || i == 23 ? c == '-'
          : c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code name} is a label name: an ASCII letter or {@code _}, then up to 63 ASCII letters,
   * digits or {@code _}. What {@link #LABEL_NAME} matches, checked without a regular expression.
   */
  public static boolean isLabelName(String name) {
    if (name == null || name.isEmpty() || name.length() > 64) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
      if (!letter && (i == 0 || c < '0' || c > '9')) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code value} is an absolute http or https URL with a host, of at most {@value #MAX_URL} characters. */
  public static boolean isHttpUrl(String value) {
    if (value == null || value.length() > MAX_URL) {
      return false;
    }
    try {
      URI uri = new URI(value);
      return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static boolean isLanguageTag(String tag) {
    try {
      new Locale.Builder().setLanguageTag(tag);
      return true;
    } catch (IllformedLocaleException e) {
      return false;
    }
  }

  private static String quote(String value) {
    return value == null ? "null" : "'" + abbreviate(value) + "'";
  }

  // Input echoed into a message is shortened so an error answer stays small.
  private static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "…";
  }
}
