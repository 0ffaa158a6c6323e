package io.klaxon.notifier.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klaxon.events.IsolationLevel;
import org.junit.jupiter.api.Test;

class TenantAdmissionTest {
  private final TenantAdmission admission =
      new TenantAdmission(new TenantAdmission.Limits(IsolationLevel.MODERATE, 5, 2, 3));

  @Test
  void aRequestWithoutALevelGetsTheDeploymentDefault() {
    assertThat(admission.effective(null)).isEqualTo(IsolationLevel.MODERATE);
    assertThat(admission.effective(IsolationLevel.STRICT)).isEqualTo(IsolationLevel.STRICT);
  }

  @Test
  void basicTenantsShareTheWholeCapacityWithoutAPerTenantCap() {
    for (int i = 0; i < 5; i++) {
      assertThat(admission.tryAcquire("noisy", IsolationLevel.BASIC)).isTrue();
    }
    assertThat(admission.tryAcquire("noisy", IsolationLevel.BASIC)).isFalse();
    assertThat(admission.tryAcquire("quiet", IsolationLevel.MODERATE)).isFalse();
    admission.release("noisy", IsolationLevel.BASIC);
    assertThat(admission.tryAcquire("quiet", IsolationLevel.MODERATE)).isTrue();
  }

  @Test
  void aModerateTenantHoldsAtMostItsLimitOfTheSharedCapacity() {
    assertThat(admission.tryAcquire("a", IsolationLevel.MODERATE)).isTrue();
    assertThat(admission.tryAcquire("a", IsolationLevel.MODERATE)).isTrue();
    assertThat(admission.tryAcquire("a", IsolationLevel.MODERATE)).isFalse();
    assertThat(admission.tryAcquire("b", IsolationLevel.MODERATE)).isTrue();
    assertThat(admission.sharedInFlight()).isEqualTo(3);
    admission.release("a", IsolationLevel.MODERATE);
    assertThat(admission.inFlight("a")).isEqualTo(1);
    assertThat(admission.tryAcquire("a", IsolationLevel.MODERATE)).isTrue();
  }

  @Test
  void aStrictTenantHasSlotsOfItsOwnWhenTheSharedCapacityIsTaken() {
    for (int i = 0; i < 5; i++) {
      assertThat(admission.tryAcquire("noisy", IsolationLevel.BASIC)).isTrue();
    }
    for (int i = 0; i < 3; i++) {
      assertThat(admission.tryAcquire("vip", IsolationLevel.STRICT)).isTrue();
    }
    assertThat(admission.tryAcquire("vip", IsolationLevel.STRICT)).isFalse();
    assertThat(admission.sharedInFlight()).isEqualTo(5);
    assertThat(admission.tryAcquire("vip2", IsolationLevel.STRICT)).isTrue();
    admission.release("vip", IsolationLevel.STRICT);
    assertThat(admission.sharedInFlight()).isEqualTo(5);
    assertThat(admission.tryAcquire("vip", IsolationLevel.STRICT)).isTrue();
  }

  @Test
  void releasingASlotThatWasNeverTakenIsAnError() {
    assertThatThrownBy(() -> admission.release("ghost", IsolationLevel.BASIC))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("ghost");
  }

  @Test
  void limitsBelowOneAreRefusedByName() {
    assertThatThrownBy(() -> new TenantAdmission.Limits(IsolationLevel.BASIC, 10, 0, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tenantLimit");
  }
}
