package io.klaxon.ingest.alerts;

import io.klaxon.events.AlertState;
import java.util.List;

/** Where the alerts API reads a tenant's active alerts (a {@code TenantKeyedView} of the alert states topic in the service). Thread-safe. */
@FunctionalInterface
public interface AlertStateReader {
  /**
   * The tenant's active alerts, with every state the Streams app committed before the call.
   *
   * @throws io.klaxon.control.ViewUnavailableException when they cannot be read now
   */
  List<AlertState> of(String tenantId);
}
