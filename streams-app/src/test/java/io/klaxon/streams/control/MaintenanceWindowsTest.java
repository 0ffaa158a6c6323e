package io.klaxon.streams.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.CriticalInWindow;
import io.klaxon.events.MaintenanceWindow;
import io.klaxon.events.Weekday;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaintenanceWindowsTest {
  // 2026-11-06 is a Friday, 2026-11-07 a Saturday.
  private static ZonedDateTime at(int day, int hour, int minute) {
    return ZonedDateTime.of(2026, 11, day, hour, minute, 0, 0, ZoneOffset.UTC);
  }

  private static MaintenanceWindow window(List<Weekday> days, int start, int end) {
    return new MaintenanceWindow("w", days, start, end, List.of(), CriticalInWindow.PASS);
  }

  @Test
  void aSameDayWindowCoversFromStartToEndExclusiveOnItsDays() {
    MaintenanceWindow friday = window(List.of(Weekday.FRIDAY), 2 * 60, 4 * 60);

    assertThat(MaintenanceWindows.covers(friday, at(6, 1, 59))).isFalse();
    assertThat(MaintenanceWindows.covers(friday, at(6, 2, 0))).isTrue();
    assertThat(MaintenanceWindows.covers(friday, at(6, 3, 59))).isTrue();
    assertThat(MaintenanceWindows.covers(friday, at(6, 4, 0))).isFalse();
    assertThat(MaintenanceWindows.covers(friday, at(7, 3, 0))).as("Saturday").isFalse();
  }

  @Test
  void aWindowEndingAtOrBeforeItsStartRunsIntoTheNextDay() {
    MaintenanceWindow fridayNight = window(List.of(Weekday.FRIDAY), 22 * 60, 2 * 60);

    assertThat(MaintenanceWindows.covers(fridayNight, at(6, 21, 59))).isFalse();
    assertThat(MaintenanceWindows.covers(fridayNight, at(6, 23, 0))).isTrue();
    assertThat(MaintenanceWindows.covers(fridayNight, at(7, 1, 59))).as("Saturday, after midnight").isTrue();
    assertThat(MaintenanceWindows.covers(fridayNight, at(7, 2, 0))).isFalse();
    assertThat(MaintenanceWindows.covers(fridayNight, at(7, 23, 0))).as("Saturday night is not listed").isFalse();
    assertThat(MaintenanceWindows.covers(fridayNight, at(6, 1, 0))).as("Thursday night is not listed").isFalse();
  }

  @Test
  void aWholeDayWindow() {
    MaintenanceWindow saturday = window(List.of(Weekday.SATURDAY), 0, 24 * 60);

    assertThat(MaintenanceWindows.covers(saturday, at(7, 0, 0))).isTrue();
    assertThat(MaintenanceWindows.covers(saturday, at(7, 23, 59))).isTrue();
    assertThat(MaintenanceWindows.covers(saturday, at(6, 23, 59))).isFalse();
  }
}
