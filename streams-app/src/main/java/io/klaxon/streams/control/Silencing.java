package io.klaxon.streams.control;

import io.klaxon.contract.LabelMatchers;
import io.klaxon.control.ControlKeys;
import io.klaxon.control.Silence;
import io.klaxon.events.MaintenanceWindow;
import io.klaxon.events.Severity;
import io.klaxon.events.TenantConfig;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Whether a silence or a maintenance window of an alert's tenant holds it back at a given time: a
 * silence of the tenant in force ({@code startsAt <= now < endsAt}) whose matchers all hold (read
 * by the tenant's own key prefix only, so one tenant's silence never mutes another's alert), else
 * an open maintenance window ({@link MaintenanceWindows}). Used when an alert is processed and
 * again when its group is notified. Thread-safe.
 */
public final class Silencing {
  private final LabelMatchers matchers = new LabelMatchers();
  private final MaintenanceWindows windows = new MaintenanceWindows();

  /** What holds back an alert of {@code tenant} with {@code severity} and {@code labels} at {@code now}, if anything. */
  public Optional<Suppression> at(ReadOnlyKeyValueStore<String, Silence> silences, TenantConfig tenant, Severity severity,
      Map<String, String> labels, long now) {
    String tenantId = tenant.getTenantId();
    try (KeyValueIterator<String, Silence> own = silences.prefixScan(ControlKeys.tenantPrefix(tenantId),
        new StringSerializer())) {
      while (own.hasNext()) {
        Silence silence = own.next().value;
        if (silence.getTenantId().equals(tenantId)
            && silence.getStartsAt().toEpochMilli() <= now && now < silence.getEndsAt().toEpochMilli()
            && !silence.getMatchers().isEmpty() && matchers.all(silence.getMatchers(), labels)) {
          return Optional.of(new Suppression(Suppression.Kind.SILENCE, silence.getId(), now));
        }
      }
    }
    Optional<MaintenanceWindow> window = windows.silencing(tenant, severity, labels, Instant.ofEpochMilli(now));
    return window.map(w -> new Suppression(Suppression.Kind.MAINTENANCE_WINDOW, w.getName(), now));
  }
}
