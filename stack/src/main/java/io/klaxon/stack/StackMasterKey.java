package io.klaxon.stack;

import io.klaxon.privacy.MasterKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The local stack's master key: {@code master.key} in its data directory, made on the first run
 * (32 random bytes in base64, readable by its owner only) and reused after, so what the stack
 * sealed stays readable across restarts. The parts and the command line find it through {@code
 * KLAXON_MASTER_KEY_REF=file:<data dir>/master.key}.
 */
final class StackMasterKey {
  static final String FILE = "master.key";

  private StackMasterKey() {
  }

  /** The key file's path, made first when it is not there. */
  static Path ensure(Path dataDir) {
    Path file = dataDir.toAbsolutePath().resolve(FILE);
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(dataDir);
        Path partial = Files.createTempFile(dataDir, FILE, ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(partial, MasterKey.generate() + "\n", StandardCharsets.US_ASCII);
        Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the stack's master key " + file, e);
    }
    return file;
  }

  /** The secret reference the parts get. */
  static String reference(Path dataDir) {
    return "file:" + ensure(dataDir);
  }
}
