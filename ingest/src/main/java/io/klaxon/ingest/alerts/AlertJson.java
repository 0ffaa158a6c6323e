package io.klaxon.ingest.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.klaxon.events.AlertState;
import io.klaxon.events.AlertStateStatus;
import io.klaxon.events.Link;
import io.klaxon.ingest.silences.SilenceJson;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * An {@link AlertState} as Alertmanager's API v2 {@code gettableAlert}: {@code labels} (with {@code
 * alertname} the title when the labels have none), {@code
 * annotations} ({@code summary}: the event's message; {@code runbook_url}: its "Runbook" link),
 * {@code startsAt}, {@code endsAt} (Go's zero time when the producer gave none, as Alertmanager's
 * webhook writes a firing alert's), {@code updatedAt}, {@code fingerprint}, {@code status} ({@code
 * state} {@code active} or {@code suppressed}, {@code silencedBy}, {@code inhibitedBy} always
 * empty), {@code receivers} (empty: targets live in the tenant file) and {@code generatorURL} (the
 * first link without a text).
 */
public final class AlertJson {
  /** Go's zero time, what Alertmanager clients read as "no end". */
  static final String NO_END = "0001-01-01T00:00:00.000Z";
  private static final String RUNBOOK = "Runbook";
  private static final ObjectMapper JSON = new ObjectMapper();

  private AlertJson() {}

  public static ObjectNode gettable(AlertState state) {
    ObjectNode alert = JSON.createObjectNode();
    ObjectNode labels = alert.putObject("labels");
    labels(state).forEach(labels::put);
    ObjectNode annotations = alert.putObject("annotations");
    if (!state.getMessage().isEmpty()) {
      annotations.put("summary", state.getMessage());
    }
    String generatorUrl = "";
    for (Link link : state.getLinks()) {
      if (RUNBOOK.equals(link.getText())) {
        annotations.put("runbook_url", link.getUrl());
      } else if (link.getText() == null && generatorUrl.isEmpty()) {
        generatorUrl = link.getUrl();
      }
    }
    alert.put("startsAt", SilenceJson.time(state.getStartsAt()));
    Instant endsAt = state.getEndsAt();
    alert.put("endsAt", endsAt == null ? NO_END : SilenceJson.time(endsAt));
    alert.put("updatedAt", SilenceJson.time(state.getUpdatedAt()));
    alert.put("fingerprint", state.getFingerprint());
    ObjectNode status = alert.putObject("status");
    status.put("state", state.getStatus() == AlertStateStatus.SUPPRESSED ? "suppressed" : "active");
    status.putArray("silencedBy").addAll(state.getSilencedBy().stream().map(JSON.getNodeFactory()::textNode).toList());
    status.putArray("inhibitedBy");
    alert.putArray("receivers");
    alert.put("generatorURL", generatorUrl);
    return alert;
  }

  /** The alert's labels, sorted, with {@code alertname} the title when they have none (every Alertmanager alert has one). */
  static Map<String, String> labels(AlertState state) {
    Map<String, String> labels = new TreeMap<>(state.getLabels());
    labels.putIfAbsent("alertname", state.getTitle());
    return labels;
  }
}
