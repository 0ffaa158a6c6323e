package io.klaxon.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PacedScheduleTest {

  @Test
  void alertsFallDueOneIntervalApartFromTheStart() {
    PacedSchedule schedule = new PacedSchedule(1_000, 1_000, 5);

    assertThat(schedule.dueNanos(0)).isEqualTo(1_000);
    assertThat(schedule.dueNanos(1)).isEqualTo(1_001_000);
    assertThat(schedule.dueNanos(4)).isEqualTo(4_001_000);
  }

  @Test
  void dueByCountsTheAlertsWhoseTimeHasComeAndNeverMoreThanTheSchedule() {
    PacedSchedule schedule = new PacedSchedule(1_000, 1_000, 5);

    assertThat(schedule.dueBy(999)).isZero();
    assertThat(schedule.dueBy(1_000)).isEqualTo(1);
    assertThat(schedule.dueBy(1_000_999)).isEqualTo(1);
    assertThat(schedule.dueBy(1_001_000)).isEqualTo(2);
    assertThat(schedule.dueBy(60_000_000_000L)).isEqualTo(5);
  }

  @Test
  void dueByAgreesWithDueNanosAtEveryAlertOfAnAwkwardRate() {
    PacedSchedule schedule = new PacedSchedule(-7_777, 333.3, 2_000);

    for (int i = 0; i < schedule.count(); i++) {
      long due = schedule.dueNanos(i);
      assertThat(schedule.dueBy(due)).as("at alert %d's time", i).isEqualTo(i + 1);
      assertThat(schedule.dueBy(due - 1)).as("just before alert %d's time", i).isEqualTo(i);
    }
  }

  @Test
  void aRateThatIsNotPositiveIsRefused() {
    assertThatThrownBy(() -> new PacedSchedule(0, 0, 10)).hasMessageContaining("rate must be a positive number");
    assertThatThrownBy(() -> new PacedSchedule(0, Double.NaN, 10)).hasMessageContaining("not NaN");
  }

  @Test
  void parkUntilReturnsNoEarlierThanTheTimeAsked() {
    long until = System.nanoTime() + 20_000_000L;
    PacedSchedule.parkUntil(until);
    assertThat(System.nanoTime() - until).isNotNegative();
  }
}
