package io.klaxon.ingest.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.klaxon.contract.LabelMatchers;
import io.klaxon.control.ViewUnavailableException;
import io.klaxon.events.AlertState;
import io.klaxon.events.AlertStateStatus;
import io.klaxon.events.LabelMatcher;
import io.klaxon.ingest.http.Answer;
import io.klaxon.ingest.http.FilterMatchers;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code GET /api/v2/alerts}: the tenant's active alerts as the Streams app last decided them, in
 * Alertmanager's {@code gettableAlerts} shape ({@link AlertJson}), sorted by fingerprint as
 * Alertmanager sorts them, with its query parameters:
 *
 * <ul>
 *   <li>{@code filter} (repeatable): Alertmanager matchers, all of which must hold on the labels;
 *   <li>{@code active} (default true): false leaves out alerts in state {@code active};
 *   <li>{@code silenced} (default true): false leaves out suppressed alerts (a silence, a
 *       maintenance window or an acknowledgement holds them back);
 *   <li>{@code inhibited}, {@code unprocessed} (default true): accepted; Klaxon has neither;
 *   <li>{@code receiver}: a regular expression on receiver names; alerts list none, so none match.
 * </ul>
 *
 * Errors are JSON strings, as Alertmanager's are. Thread-safe.
 */
public final class AlertsApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FLAGS = List.of("active", "silenced", "inhibited", "unprocessed");

  private final AlertStateReader states;
  private final LabelMatchers matching = new LabelMatchers();

  public AlertsApi(AlertStateReader states) {
    this.states = Objects.requireNonNull(states, "states");
  }

  /**
   * @param filters the values of the query's filter parameters, decoded
   * @param parameters the other parameters, decoded (the last of each name)
   */
  public Answer list(String tenantId, List<String> filters, Map<String, String> parameters) {
    List<LabelMatcher> wanted;
    try {
      wanted = FilterMatchers.parse(filters);
    } catch (IllegalArgumentException e) {
      return error(400, e.getMessage());
    }
    for (String flag : FLAGS) {
      String value = parameters.get(flag);
      if (value != null && !value.equals("true") && !value.equals("false")) {
        return error(400, flag + ": '" + value + "' is not true or false");
      }
    }
    boolean active = !"false".equals(parameters.get("active"));
    boolean silenced = !"false".equals(parameters.get("silenced"));
    boolean anyReceiver = parameters.get("receiver") == null || parameters.get("receiver").isEmpty();
    List<AlertState> held;
    try {
      held = states.of(tenantId);
    } catch (ViewUnavailableException e) {
      return new Answer(503, Map.of("Retry-After", "5"), TextNode.valueOf(e.getMessage()).toString());
    }
    ArrayNode body = JSON.createArrayNode();
    held.stream()
        .filter(s -> tenantId.equals(s.getTenantId()))
        .filter(s -> anyReceiver)
        .filter(s -> active || s.getStatus() != AlertStateStatus.FIRING)
        .filter(s -> silenced || s.getStatus() != AlertStateStatus.SUPPRESSED)
        .filter(s -> matching.all(wanted, AlertJson.labels(s)))
        .sorted(Comparator.comparing(AlertState::getFingerprint))
        .forEach(s -> body.add(AlertJson.gettable(s)));
    return new Answer(200, Map.of(), body.toString());
  }

  private static Answer error(int status, String message) {
    return new Answer(status, Map.of(), TextNode.valueOf(message).toString());
  }
}
