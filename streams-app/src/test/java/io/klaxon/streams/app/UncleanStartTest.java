package io.klaxon.streams.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UncleanStartTest {
  @TempDir
  Path root;
  private Path app;
  private final List<String> lines = new ArrayList<>();

  @BeforeEach
  void anInstanceRanHere() throws IOException {
    app = root.resolve("klaxon-streams");
    Files.createDirectories(app.resolve("3_0/rocksdb/dedup-store"));
    Files.writeString(app.resolve("3_0/rocksdb/dedup-store/000001.sst"), "data");
    Files.createDirectories(app.resolve("3_5/rocksdb/rate-limit-store"));
    Files.createDirectories(app.resolve("global/rocksdb/tenants-store"));
    Files.writeString(app.resolve("kafka-streams-process-metadata"), "{\"processId\":\"p\"}");
  }

  @Test
  void afterARunThatDidNotCloseTheTaskDirectoriesGoAndTheRestStays() throws IOException {
    UncleanStart.prepare(app, true, lines::add); // a run that is then killed: its mark stays

    UncleanStart.prepare(app, true, lines::add);

    assertThat(app.resolve("3_0")).doesNotExist();
    assertThat(app.resolve("3_5")).doesNotExist();
    assertThat(app.resolve("global/rocksdb/tenants-store")).isDirectory();
    assertThat(app.resolve("kafka-streams-process-metadata")).hasContent("{\"processId\":\"p\"}");
    assertThat(app.resolve(UncleanStart.MARK)).exists();
    assertThat(lines).singleElement().asString().contains("did not stop cleanly", "2 task directories");
  }

  @Test
  void afterACleanCloseNothingIsDeleted() {
    UncleanStart.prepare(app, true, lines::add).closedCleanly();

    UncleanStart.prepare(app, true, lines::add);

    assertThat(app.resolve("3_0/rocksdb/dedup-store/000001.sst")).hasContent("data");
    assertThat(lines).isEmpty();
  }

  @Test
  void atLeastOnceKeepsTheStoresOfAnUncleanRun() {
    UncleanStart.prepare(app, false, lines::add);

    UncleanStart.prepare(app, false, lines::add);

    assertThat(app.resolve("3_0/rocksdb/dedup-store/000001.sst")).hasContent("data");
  }

  @Test
  void aDirectoryLockedByAnotherInstanceIsLeftAlone() throws IOException {
    UncleanStart.prepare(app, true, lines::add);
    try (FileChannel channel = FileChannel.open(app.resolve(".lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
      UncleanStart.prepare(app, true, lines::add);
    }

    assertThat(app.resolve("3_0/rocksdb/dedup-store/000001.sst")).hasContent("data");
    assertThat(lines).singleElement().asString().contains("locked by another instance");
  }
}
