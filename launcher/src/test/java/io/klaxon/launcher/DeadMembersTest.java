package io.klaxon.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadMembersTest {
  private static final String PROCESS_ID = "0f6c2a9e-3b1d-4c5e-9a7b-2d8e4f6a1c3b";

  @TempDir
  Path stateDir;

  @Test
  void aStreamsInstanceLosesEveryThreadsMembershipAndItsOpenTransactions() throws IOException {
    writeProcessId("klaxon-streams");
    DeadMembers.Membership membership = DeadMembers.of(part("streams-2", PartKind.STREAMS, Map.of(
        "GROUP_INSTANCE_ID", "streams-2", "NUM_STREAM_THREADS", "2", "STATE_DIR", stateDir.toString()))).orElseThrow();

    assertThat(membership.group()).isEqualTo("klaxon-streams");
    assertThat(membership.instanceIds()).containsExactly("streams-2-1", "streams-2-2");
    assertThat(membership.transactionalIds())
        .containsExactly("klaxon-streams-" + PROCESS_ID + "-1", "klaxon-streams-" + PROCESS_ID + "-2");
    assertThat(membership.client()).containsEntry("bootstrap.servers", "127.0.0.1:1");
  }

  @Test
  void theApplicationIdNamesTheGroupAndTheStateDirectory() throws IOException {
    writeProcessId("other-app");
    DeadMembers.Membership membership = DeadMembers.of(part("streams-1", PartKind.STREAMS, Map.of(
        "GROUP_INSTANCE_ID", "s1", "APPLICATION_ID", "other-app", "STATE_DIR", stateDir.toString()))).orElseThrow();

    assertThat(membership.group()).isEqualTo("other-app");
    assertThat(membership.transactionalIds()).containsExactly("other-app-" + PROCESS_ID + "-1");
  }

  @Test
  void theProcessIdIsReadWhenTheInstanceDiesNotWhenItIsLaunched() throws IOException {
    DeadMembers.Membership membership = DeadMembers.of(part("streams-1", PartKind.STREAMS, Map.of(
        "GROUP_INSTANCE_ID", "streams-1", "STATE_DIR", stateDir.toString()))).orElseThrow();
    assertThat(membership.transactionalIds()).as("before the first start").isEmpty();
    writeProcessId("klaxon-streams");
    assertThat(membership.transactionalIds()).containsExactly("klaxon-streams-" + PROCESS_ID + "-1");
  }

  @Test
  void underAtLeastOnceThereIsNoTransactionToEnd() throws IOException {
    writeProcessId("klaxon-streams");
    assertThat(DeadMembers.of(part("streams-1", PartKind.STREAMS, Map.of("GROUP_INSTANCE_ID", "streams-1",
        "STATE_DIR", stateDir.toString(), "PROCESSING_GUARANTEE", "at_least_once"))).orElseThrow().transactionalIds())
        .isEmpty();
  }

  @Test
  void aNotifierLosesItsOneMembership() {
    DeadMembers.Membership membership = DeadMembers.of(part("notifier-1", PartKind.NOTIFIER, Map.of(
        "GROUP_INSTANCE_ID", "notifier-1", "NOTIFIER_GROUP_ID", "notifiers"))).orElseThrow();

    assertThat(membership.group()).isEqualTo("notifiers");
    assertThat(membership.instanceIds()).containsExactly("notifier-1");
    assertThat(membership.transactionalIds()).isEmpty();
  }

  @Test
  void dynamicMembersAndOtherPartsAreLeftToTheSessionTimeout() {
    assertThat(DeadMembers.of(part("streams-1", PartKind.STREAMS, Map.of()))).isEmpty();
    assertThat(DeadMembers.of(part("notifier-1", PartKind.NOTIFIER, Map.of()))).isEmpty();
    assertThat(DeadMembers.of(part("broker", PartKind.BROKER, Map.of("GROUP_INSTANCE_ID", "broker")))).isEmpty();
  }

  private void writeProcessId(String application) throws IOException {
    Path dir = Files.createDirectories(stateDir.resolve(application));
    Files.writeString(dir.resolve("kafka-streams-process-metadata"), "{\"processId\":\"" + PROCESS_ID + "\"}",
        StandardCharsets.UTF_8);
  }

  private static Part part(String name, PartKind kind, Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1");
    return new Part(name, kind, RunMode.SEPARATE_PROCESS, all, List.of(), Map.of(), URI.create("http://127.0.0.1:1/"));
  }
}
