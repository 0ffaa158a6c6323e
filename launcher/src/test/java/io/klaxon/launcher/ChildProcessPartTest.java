package io.klaxon.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ChildProcessPartTest {
  private static final Part NOTIFIER = LocalDeployment.builder(Path.of("target", "child-process-part-test"))
      .build().part("notifier-1");

  @Test
  void theFlagsForEveryPartComeAfterThePartsOwnAndCountAsItsOwn() {
    assertThat(ChildProcessPart.ownFlags(NOTIFIER, " -XX:TieredStopAtLevel=1\t -XX:+UseSerialGC "))
        .containsExactly("-Xmx1g", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    assertThat(ChildProcessPart.flags(NOTIFIER.name(), ChildProcessPart.ownFlags(NOTIFIER, "-XX:TieredStopAtLevel=1")))
        .contains("-Dklaxon.part=notifier-1")
        .endsWith("-Xmx1g", "-XX:TieredStopAtLevel=1");
  }

  @Test
  void withoutTheVariableOrWithABlankOneAPartHasItsOwnFlagsOnly() {
    assertThat(ChildProcessPart.ownFlags(NOTIFIER, null)).containsExactly("-Xmx1g");
    assertThat(ChildProcessPart.ownFlags(NOTIFIER, "  ")).containsExactly("-Xmx1g");
  }
}
