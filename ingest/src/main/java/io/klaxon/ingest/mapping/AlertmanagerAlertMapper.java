package io.klaxon.ingest.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.klaxon.contract.AlertEventLimits;
import io.klaxon.contract.FieldProblem;
import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertKind;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.Link;
import io.klaxon.events.Severity;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One alert in Alertmanager's shape (a postable alert of {@code POST /api/v2/alerts}, or an alert of
 * a webhook payload) as an {@code AlertEvent}:
 *
 * <pre>
 * labels.alertname                     title (required)
 * annotations.summary, .description    message (both, a blank line apart, when both are set)
 * labels.severity                      severity ({@link SeverityLabel}; the default when absent or unknown)
 * labels                               labels, all of them
 * labels.service, else labels.job      source (else the format's default source)
 * generatorURL                         a link; annotations.runbook_url a second one, "Runbook"
 * fingerprint (webhook) or computed    fingerprint ({@link LabelFingerprint}, as Alertmanager's)
 * status (webhook), else endsAt        RESOLVED when resolved, or when endsAt is not after now; else FIRING
 * startsAt / endsAt                    occurredAt: startsAt when FIRING, endsAt when RESOLVED, else now
 * </pre>
 *
 * Times are RFC 3339; Go's zero time ({@code 0001-01-01T00:00:00Z}, what Alertmanager's webhook
 * sends for a firing alert's endsAt) counts as absent. The kind is always ALERT. Other annotations
 * are not carried. The event id is {@link EventIds#nameBased} of the tenant, the fingerprint,
 * startsAt and endsAt as sent, and the status: the same alert sent again gets the same id.
 *
 * <p>Every problem of an item is reported with its path in the item ({@code labels.alertname},
 * {@code startsAt}); a limit of the event (too many labels, a title too long) is reported at the
 * field it came from. Stateless and thread-safe.
 */
public final class AlertmanagerAlertMapper {
  private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

  private final Severity defaultSeverity;
  private final String defaultSource;
  private final boolean webhookAlerts;

  /**
   * @param defaultSeverity the severity of an alert whose severity label is absent or unknown
   * @param defaultSource the source of an alert with neither a service nor a job label
   * @param webhookAlerts whether alerts carry Alertmanager's own {@code status} and {@code
   *     fingerprint} (webhook payloads); postable alerts do not
   */
  public AlertmanagerAlertMapper(Severity defaultSeverity, String defaultSource, boolean webhookAlerts) {
    this.defaultSeverity = Objects.requireNonNull(defaultSeverity, "defaultSeverity");
    this.defaultSource = Objects.requireNonNull(defaultSource, "defaultSource");
    this.webhookAlerts = webhookAlerts;
  }

  /** Every alert of a JSON array, each an item numbered by its place, for {@code tenantId}, received at {@code now}. */
  public ParsedPayload.Items mapAll(JsonNode alerts, String tenantId, Instant now) {
    List<IngestItem> items = new ArrayList<>(alerts.size());
    for (int i = 0; i < alerts.size(); i++) {
      items.add(map(i, alerts.get(i), tenantId, now));
    }
    return new ParsedPayload.Items(items);
  }

  /** The item at {@code index}, for {@code tenantId}, received at {@code now}. */
  public IngestItem map(int index, JsonNode alert, String tenantId, Instant now) {
    if (alert == null || !alert.isObject()) {
      return IngestItem.invalid(index, List.of(new FieldProblem("", "expected an alert object")));
    }
    List<FieldProblem> problems = new ArrayList<>();
    Map<String, String> labels = strings(alert, "labels", problems);
    Map<String, String> annotations = strings(alert, "annotations", problems);
    if (labels.isEmpty() && problems.stream().noneMatch(p -> p.field().startsWith("labels"))) {
      problems.add(new FieldProblem("labels", "at least one label is required"));
    } else if (!labels.containsKey("alertname") && problems.stream().noneMatch(p -> p.field().equals("labels.alertname"))) {
      problems.add(new FieldProblem("labels.alertname", "required: the alert's name is its title"));
    }
    Instant startsAt = time(alert, "startsAt", problems);
    Instant endsAt = time(alert, "endsAt", problems);
    if (startsAt != null && endsAt != null && endsAt.isBefore(startsAt)) {
      problems.add(new FieldProblem("endsAt", "is before startsAt"));
    }
    String generatorUrl = text(alert, "generatorURL", problems);
    AlertStatus status = webhookAlerts ? status(alert, problems) : null;
    String fingerprint = webhookAlerts ? text(alert, "fingerprint", problems) : null;
    if (!problems.isEmpty()) {
      return IngestItem.invalid(index, problems);
    }
    if (status == null) {
      status = endsAt != null && !endsAt.isAfter(now) ? AlertStatus.RESOLVED : AlertStatus.FIRING;
    }
    if (fingerprint == null || fingerprint.isBlank()) {
      fingerprint = LabelFingerprint.of(labels);
    }
    Instant occurredAt = status == AlertStatus.RESOLVED ? endsAt : startsAt;
    String sourceLabel = labels.containsKey("service") ? "service" : labels.containsKey("job") ? "job" : null;
    List<Link> links = new ArrayList<>();
    List<String> linkFields = new ArrayList<>();
    if (generatorUrl != null && !generatorUrl.isBlank()) {
      links.add(Link.newBuilder().setUrl(generatorUrl).setText(null).build());
      linkFields.add("generatorURL");
    }
    if (annotations.containsKey("runbook_url")) {
      links.add(Link.newBuilder().setUrl(annotations.get("runbook_url")).setText("Runbook").build());
      linkFields.add("annotations.runbook_url");
    }
    AlertEvent event = AlertEvent.newBuilder()
        .setEventId(EventIds.nameBased("alertmanager", tenantId, fingerprint, millis(startsAt), millis(endsAt), status.name()))
        .setTenantId(tenantId)
        .setKind(AlertKind.ALERT)
        .setStatus(status)
        .setSeverity(SeverityLabel.of(labels.get(SeverityLabel.LABEL), defaultSeverity))
        .setSource(sourceLabel == null ? defaultSource : labels.get(sourceLabel))
        .setTitle(labels.get("alertname"))
        .setMessage(message(annotations))
        .setLabels(labels)
        .setFingerprint(fingerprint)
        .setOccurredAt(occurredAt == null ? now : occurredAt)
        .setLocale(null)
        .setLinks(links)
        .build();
    List<FieldProblem> limits = AlertEventLimits.check(event).stream()
        .map(p -> p.at(origin(p.field(), sourceLabel, linkFields))).distinct().toList();
    return limits.isEmpty() ? IngestItem.valid(index, event) : IngestItem.invalid(index, limits);
  }

  /** The item field an event field was made from. */
  private static String origin(String eventField, String sourceLabel, List<String> linkFields) {
    if (eventField.startsWith("links[")) {
      return linkFields.get(Integer.parseInt(eventField.substring(6, eventField.indexOf(']'))));
    }
    return switch (eventField) {
      case "title" -> "labels.alertname";
      case "message" -> "annotations";
      case "source" -> "labels." + (sourceLabel == null ? "service" : sourceLabel);
      default -> eventField;
    };
  }

  private static String message(Map<String, String> annotations) {
    String summary = annotations.getOrDefault("summary", "").strip();
    String description = annotations.getOrDefault("description", "").strip();
    if (summary.isEmpty() || description.isEmpty()) {
      return summary.isEmpty() ? description : summary;
    }
    return summary + "\n\n" + description;
  }

  private static AlertStatus status(JsonNode alert, List<FieldProblem> problems) {
    String value = text(alert, "status", problems);
    if (value == null) {
      return null;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "firing" -> AlertStatus.FIRING;
      case "resolved" -> AlertStatus.RESOLVED;
      default -> {
        problems.add(new FieldProblem("status", "'" + value + "' is neither firing nor resolved"));
        yield null;
      }
    };
  }

  /** An object of strings (labels, annotations); empty when absent. */
  private static Map<String, String> strings(JsonNode alert, String field, List<FieldProblem> problems) {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode node = alert.get(field);
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      problems.add(new FieldProblem(field, "expected an object of names to strings"));
      return out;
    }
    node.properties().forEach(entry -> {
      if (entry.getValue().isTextual()) {
        out.put(entry.getKey(), entry.getValue().asText());
      } else {
        problems.add(new FieldProblem(field + "." + entry.getKey(), "expected a string"));
      }
    });
    return out;
  }

  private static String text(JsonNode alert, String field, List<FieldProblem> problems) {
    JsonNode node = alert.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      problems.add(new FieldProblem(field, "expected a string"));
      return null;
    }
    return node.asText();
  }

  private static Instant time(JsonNode alert, String field, List<FieldProblem> problems) {
    String value = text(alert, field, problems);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      Instant instant = OffsetDateTime.parse(value.strip()).toInstant();
      return instant.equals(GO_ZERO_TIME) ? null : instant;
    } catch (DateTimeParseException e) {
      problems.add(new FieldProblem(field, "'" + abbreviate(value) + "' is not an RFC 3339 time"));
      return null;
    }
  }

  private static String millis(Instant instant) {
    return instant == null ? "" : Long.toString(instant.toEpochMilli());
  }

  private static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "…";
  }
}
