package io.klaxon.streams;

import static io.klaxon.streams.TopologyFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klaxon.events.DeadLetter;
import io.klaxon.events.Severity;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.registry.SchemaRegistryUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The global tenants table: what reaches it, what is refused, and what a registry outage does. */
class TenantTableTest {
  private FlakySchemaRegistry flaky;
  private TopologyFixture fx;

  /** A fixture whose topology reads through a registry that can fail. */
  private TopologyFixture fixture() {
    fx = new TopologyFixture(registry -> (flaky = new FlakySchemaRegistry(registry)).registry());
    return fx;
  }

  @AfterEach
  void stop() {
    if (fx != null) {
      fx.close();
    }
  }

  @Test
  void aTenantUpdateReadDuringARegistryOutageIsAppliedOnceTheRegistryAnswers() {
    TopologyFixture fx = fixture();
    flaky.failSchemaLookups(1);

    fx.putTenant(TopologyFixture.tenant("acme", Tier.ENTERPRISE));
    fx.send(fx.alert("acme", Severity.HIGH, "Disk full"), T0);

    assertThat(flaky.failedCalls()).as("the outage happened").isEqualTo(1);
    assertThat(fx.drainDeadLetters()).extracting(DeadLetter::getReason).isEmpty();
    assertThat(fx.drainNotifications()).hasSize(3);
  }

  @Test
  void aTenantRecordKeyedByAnotherTenantIsRefusedAndTheTableKeepsThePreviousValue() {
    TopologyFixture fx = fixture();
    fx.putTenant(TopologyFixture.tenant("acme", Tier.ENTERPRISE));
    TenantConfig globex = TopologyFixture.tenant("globex", Tier.ENTERPRISE);

    fx.tenants.pipeInput("acme", globex, T0 + 1);
    fx.send(fx.alert("acme", Severity.HIGH, "Disk full"), T0 + 2);

    assertThat(fx.drainNotifications()).extracting(n -> n.getTarget().getSlack() == null ? null : n.getTarget().getSlack().getChannel())
        .containsOnly("#acme-oncall", null);
    assertThat(fx.outcomes.refused(TenantUpdateRefusal.KEY_MISMATCH)).isEqualTo(1);
  }

  @Test
  void anUndecodableTenantRecordIsRefusedAndCountedAndTheTableKeepsThePreviousValue() {
    TopologyFixture fx = fixture();
    fx.putTenant(TopologyFixture.tenant("acme", Tier.ENTERPRISE));

    fx.rawTenants.pipeInput("acme", new byte[] {42, 42}, T0 + 1);
    fx.send(fx.alert("acme", Severity.HIGH, "Disk full"), T0 + 2);

    assertThat(fx.outcomes.refused(TenantUpdateRefusal.UNDECODABLE)).isEqualTo(1);
    assertThat(fx.drainNotifications()).hasSize(3);
  }

  @Test
  void whileATenantUpdateWaitsForTheRegistryAnAlertOfAnUnknownTenantIsRetriedNotDeadLettered() {
    TopologyFixture fx = fixture();
    fx.tenantTable.waitingForRegistry();

    assertThatThrownBy(() -> fx.send(fx.alert("acme", Severity.HIGH, "Disk full"), T0))
        .hasRootCauseInstanceOf(SchemaRegistryUnavailableException.class);
    assertThat(fx.drainDeadLetters()).isEmpty();
    assertThat(fx.outcomes.count(Outcome.DEAD_LETTERED)).isZero();

    fx.putTenant(TopologyFixture.tenant("acme", Tier.ENTERPRISE));
    fx.tenantTable.caughtUp();
    fx.send(fx.alert("acme", Severity.HIGH, "Disk full"), T0 + 1);
    assertThat(fx.drainNotifications()).hasSize(3);
  }

  @Test
  void whileATenantUpdateWaitsAnInvalidTenantIdIsStillDeadLettered() {
    TopologyFixture fx = fixture();
    fx.tenantTable.waitingForRegistry();

    fx.send(fx.alert("Not A Tenant", Severity.HIGH, "x"), T0);

    assertThat(fx.drainDeadLetters()).extracting(DeadLetter::getFieldPath).containsExactly("tenantId");
  }
}
