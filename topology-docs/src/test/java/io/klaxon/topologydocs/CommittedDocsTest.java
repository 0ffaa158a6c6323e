package io.klaxon.topologydocs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fails when the committed topology docs no longer describe the code. */
class CommittedDocsTest {

  @Test
  void committedDocsMatchTheTopology() throws IOException {
    for (Map.Entry<String, String> file : GenerateTopologyDocs.render().entrySet()) {
      Path committed = Path.of(file.getKey());
      assertThat(committed).as("%s is committed; generate it with %s", committed, GenerateTopologyDocs.COMMAND).exists();
      assertThat(Files.readString(committed))
          .as("%s differs from the topology in the code; regenerate with %s and commit the result",
              committed, GenerateTopologyDocs.COMMAND)
          .isEqualTo(file.getValue());
    }
  }

  @Test
  void theDocsNameEveryStoreAndTopic() {
    String markdown = GenerateTopologyDocs.render().get("TOPOLOGY.md");
    assertThat(markdown).contains("`rate-limit-store`", "`dedup-store`", "`tenants-store`",
        "`klaxon.alerts.v1`", "`klaxon.tenants.v1`", "`klaxon.alerts.dlq.v1`", "`klaxon.notifications.v1`");
  }
}
