package io.klaxon.streams.validate;

import io.klaxon.contract.TenantIds;
import io.klaxon.events.AlertEvent;
import io.klaxon.events.DeadLetterReason;
import io.klaxon.events.Link;
import io.klaxon.events.TenantConfig;
import java.net.URI;
import java.time.Duration;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules a decoded event must meet (SPEC "Decode and validate"), first failure wins: tenant id
 * pattern, tenant known, tenant enabled, field limits, timestamp not too far in the future.
 * Stateless and thread-safe; time is the record's timestamp, never the wall clock, so replays give
 * the same answers.
 */
public final class AlertValidator {
  static final Pattern UUID = Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
  static final Pattern LABEL_NAME = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]{0,63}$");
  static final int MAX_SOURCE = 128;
  static final int MAX_TITLE = 256;
  static final int MAX_MESSAGE = 4096;
  static final int MAX_LABELS = 32;
  static final int MAX_LABEL_VALUE = 256;
  static final int MAX_LINKS = 10;
  static final int MAX_URL = 2048;
  static final int MAX_FINGERPRINT = 128;

  private final long maxFutureSkewMs;

  public AlertValidator(Duration maxFutureSkew) {
    this.maxFutureSkewMs = maxFutureSkew.toMillis();
  }

  /**
   * @param event the decoded event
   * @param tenant the tenant's configuration, or null when unknown
   * @param recordTime the record's timestamp
   * @return why the event is refused, or empty when it is valid
   */
  public Optional<Rejection> validate(AlertEvent event, TenantConfig tenant, long recordTime) {
    String tenantId = event.getTenantId();
    if (!TenantIds.isValid(tenantId)) {
      return Optional.of(Rejection.field("tenantId", "'" + abbreviate(tenantId) + "' does not match " + TenantIds.PATTERN.pattern()));
    }
    if (tenant == null) {
      return Optional.of(new Rejection(DeadLetterReason.UNKNOWN_TENANT, "tenant '" + tenantId + "' is not configured", null));
    }
    if (tenant.getErasedAt() != null) {
      return Optional.of(new Rejection(DeadLetterReason.TENANT_DISABLED, "tenant '" + tenantId + "' was erased at "
          + tenant.getErasedAt(), null));
    }
    if (!tenant.getEnabled()) {
      return Optional.of(new Rejection(DeadLetterReason.TENANT_DISABLED, "tenant '" + tenantId + "' is disabled", null));
    }
    Optional<Rejection> field = fields(event);
    if (field.isPresent()) {
      return field;
    }
    long aheadMs = event.getOccurredAt().toEpochMilli() - recordTime;
    if (aheadMs > maxFutureSkewMs) {
      return Optional.of(new Rejection(DeadLetterReason.TIMESTAMP_IN_FUTURE,
          "occurredAt " + event.getOccurredAt() + " is " + aheadMs + " ms after the record timestamp (limit "
              + maxFutureSkewMs + " ms)", "occurredAt"));
    }
    return Optional.empty();
  }

  private static Optional<Rejection> fields(AlertEvent event) {
    if (event.getEventId() == null || !UUID.matcher(event.getEventId()).matches()) {
      return Optional.of(Rejection.field("eventId", "'" + abbreviate(event.getEventId()) + "' is not a UUID"));
    }
    Optional<Rejection> text = text("source", event.getSource(), MAX_SOURCE, true)
        .or(() -> text("title", event.getTitle(), MAX_TITLE, true))
        .or(() -> text("message", event.getMessage(), MAX_MESSAGE, false));
    if (text.isPresent()) {
      return text;
    }
    if (event.getFingerprint() != null) {
      Optional<Rejection> fingerprint = text("fingerprint", event.getFingerprint(), MAX_FINGERPRINT, true);
      if (fingerprint.isPresent()) {
        return fingerprint;
      }
    }
    Map<String, String> labels = event.getLabels();
    if (labels.size() > MAX_LABELS) {
      return Optional.of(Rejection.field("labels", labels.size() + " labels, at most " + MAX_LABELS + " allowed"));
    }
    for (Map.Entry<String, String> label : labels.entrySet()) {
      if (!LABEL_NAME.matcher(label.getKey()).matches()) {
        return Optional.of(Rejection.field("labels." + abbreviate(label.getKey()),
            "label name does not match " + LABEL_NAME.pattern()));
      }
      if (label.getValue().length() > MAX_LABEL_VALUE) {
        return Optional.of(Rejection.field("labels." + label.getKey(),
            label.getValue().length() + " characters, at most " + MAX_LABEL_VALUE));
      }
    }
    if (event.getLinks().size() > MAX_LINKS) {
      return Optional.of(Rejection.field("links", event.getLinks().size() + " links, at most " + MAX_LINKS + " allowed"));
    }
    for (int i = 0; i < event.getLinks().size(); i++) {
      Link link = event.getLinks().get(i);
      if (!isHttpUrl(link.getUrl())) {
        return Optional.of(Rejection.field("links[" + i + "].url", "'" + abbreviate(link.getUrl()) + "' is not an absolute http(s) URL"));
      }
      if (link.getText() != null && link.getText().length() > MAX_TITLE) {
        return Optional.of(Rejection.field("links[" + i + "].text", link.getText().length() + " characters, at most " + MAX_TITLE));
      }
    }
    if (event.getLocale() != null) {
      try {
        new Locale.Builder().setLanguageTag(event.getLocale());
      } catch (IllformedLocaleException e) {
        return Optional.of(Rejection.field("locale", "'" + abbreviate(event.getLocale()) + "' is not a BCP 47 language tag"));
      }
    }
    return Optional.empty();
  }

  private static Optional<Rejection> text(String path, String value, int max, boolean required) {
    if (required && (value == null || value.isBlank())) {
      return Optional.of(Rejection.field(path, "must not be empty"));
    }
    if (value != null && value.length() > max) {
      return Optional.of(Rejection.field(path, value.length() + " characters, at most " + max));
    }
    return Optional.empty();
  }

  private static boolean isHttpUrl(String value) {
    if (value == null || value.length() > MAX_URL) {
      return false;
    }
    try {
      URI uri = new URI(value);
      return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  private static String abbreviate(String value) {
    if (value == null) {
      return "null";
    }
    return value.length() <= 40 ? value : value.substring(0, 40) + "…";
  }
}
