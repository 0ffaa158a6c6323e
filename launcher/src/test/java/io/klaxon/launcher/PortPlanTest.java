package io.klaxon.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PortPlanTest {

  @Test
  void consecutivePortsFollowTheOrderOfFirstUseAndStayTheSame() {
    PortPlan plan = PortPlan.from(19000);

    assertThat(plan.port("broker")).isEqualTo(19000);
    assertThat(plan.port("registry")).isEqualTo(19001);
    assertThat(plan.port("broker")).as("asked again").isEqualTo(19000);
    assertThat(plan.port("inbox")).isEqualTo(19002);
    assertThat(plan.assigned()).containsExactly(
        org.assertj.core.api.Assertions.entry("broker", 19000),
        org.assertj.core.api.Assertions.entry("registry", 19001),
        org.assertj.core.api.Assertions.entry("inbox", 19002));
  }

  @Test
  void defaultsAreTheDocumentedPortsAndOthersAreFree() {
    PortPlan plan = PortPlan.defaults();

    assertThat(List.of(plan.port("broker"), plan.port("registry"), plan.port("streams-1"), plan.port("notifier-1"),
        plan.port("ingest-1"), plan.port("inbox"), plan.port("slack"), plan.port("webhook"), plan.port("smtp"),
        plan.port("pagerduty")))
        .containsExactly(9092, 8085, 8081, 8082, 8083, 8090, 8091, 8092, 2525, 8093);
    assertThat(plan.port("streams-2")).isPositive().isNotIn(9092, 8085, 8081, 8082, 8083, 8090, 8091, 8092, 2525, 8093);
  }

  @Test
  void freePortsAreDistinct() {
    PortPlan plan = PortPlan.free();

    List<Integer> ports = List.of(plan.port("a"), plan.port("b"), plan.port("c"), plan.port("d"), plan.port("e"));

    assertThat(ports).doesNotHaveDuplicates().allSatisfy(p -> assertThat(p).isPositive());
  }

  @Test
  void refusesAFirstPortOutOfRange() {
    assertThatThrownBy(() -> PortPlan.from(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PortPlan.from(65_500)).isInstanceOf(IllegalArgumentException.class);
  }
}
