package io.klaxon.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KraftStorageTest {
  @TempDir
  Path dir;

  @Test
  void keepsTheClusterIdInTheDataDirectory() throws Exception {
    String id = new KraftStorage(dir).clusterId();

    assertThat(Files.readString(dir.resolve("cluster.id")).strip()).isEqualTo(id);
    assertThat(new KraftStorage(dir).clusterId()).as("a second run reuses it").isEqualTo(id);
    assertThat(new KraftStorage(dir.resolve("other")).clusterId()).isNotEqualTo(id);
  }

  @Test
  void refusesAnEmptyClusterIdFile() throws Exception {
    Files.writeString(dir.resolve("cluster.id"), "\n");

    assertThatThrownBy(() -> new KraftStorage(dir).clusterId())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("cluster.id");
  }

  @Test
  void isFormattedOnlyWhenTheLogDirectoryHasMetadata() throws Exception {
    KraftStorage storage = new KraftStorage(dir);
    assertThat(storage.isFormatted()).isFalse();

    Files.createDirectories(storage.logDir());
    Files.writeString(storage.logDir().resolve("meta.properties"), "version=1\n");
    assertThat(storage.isFormatted()).isTrue();
  }

  @Test
  void takesTheIdOfADirectoryFormattedWithoutTheIdFile() throws Exception {
    KraftStorage storage = new KraftStorage(dir);
    Files.createDirectories(storage.logDir());
    Files.writeString(storage.logDir().resolve("meta.properties"), "version=1\ncluster.id=AbCdEfGhIjKlMnOpQrStUv\nnode.id=1\n");

    assertThat(storage.clusterId()).isEqualTo("AbCdEfGhIjKlMnOpQrStUv");
    assertThat(Files.readString(dir.resolve("cluster.id")).strip()).isEqualTo("AbCdEfGhIjKlMnOpQrStUv");
  }
}
