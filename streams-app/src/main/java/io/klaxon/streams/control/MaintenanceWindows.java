package io.klaxon.streams.control;

import io.klaxon.contract.DeliveryProfiles;
import io.klaxon.contract.LabelMatchers;
import io.klaxon.events.CriticalInWindow;
import io.klaxon.events.MaintenanceWindow;
import io.klaxon.events.Severity;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Weekday;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;

/**
 * Whether one of a tenant's maintenance windows silences an alert now: a window covers the local
 * time (the tenant's time zone) when it started on one of its days and has not ended (a window whose
 * end is at or before its start runs past midnight into the next day), every matcher holds, and
 * the alert is not CRITICAL in a window that lets CRITICAL pass. A time zone that is not known
 * counts as UTC (tenant files are validated, so only a hand-written record can have one). Thread-safe.
 */
public final class MaintenanceWindows {
  private static final int MINUTES_PER_DAY = 24 * 60;
  private final LabelMatchers matchers = new LabelMatchers();

  /** The first of the tenant's windows that silences an alert with {@code severity} and {@code labels} at {@code now}. */
  public Optional<MaintenanceWindow> silencing(TenantConfig tenant, Severity severity, Map<String, String> labels,
      Instant now) {
    if (tenant.getMaintenanceWindows().isEmpty()) {
      return Optional.empty();
    }
    ZonedDateTime local = now.atZone(zone(DeliveryProfiles.of(tenant).getTimeZone()));
    for (MaintenanceWindow window : tenant.getMaintenanceWindows()) {
      if (covers(window, local)
          && !(severity == Severity.CRITICAL && window.getCritical() == CriticalInWindow.PASS)
          && matchers.all(window.getMatchers(), labels)) {
        return Optional.of(window);
      }
    }
    return Optional.empty();
  }

  /** Whether the window is open at the local time {@code local}. */
  public static boolean covers(MaintenanceWindow window, ZonedDateTime local) {
    int minute = local.getHour() * 60 + local.getMinute();
    int start = window.getStartMinute();
    int end = window.getEndMinute();
    Weekday today = Weekday.valueOf(local.getDayOfWeek().name());
    Weekday yesterday = Weekday.valueOf(local.getDayOfWeek().minus(1).name());
    if (end > start) {
      return window.getDays().contains(today) && minute >= start && minute < end;
    }
    // Past midnight: from start to the end of the day it starts on, then from 00:00 to end on the next day.
    return (window.getDays().contains(today) && minute >= start)
        || (window.getDays().contains(yesterday) && minute < Math.min(end, MINUTES_PER_DAY));
  }

  private static ZoneId zone(String id) {
    try {
      return id == null ? ZoneOffset.UTC : ZoneId.of(id);
    } catch (DateTimeException e) {
      return ZoneOffset.UTC;
    }
  }
}
