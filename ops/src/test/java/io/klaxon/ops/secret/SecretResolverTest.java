package io.klaxon.ops.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretResolverTest {
  private static final String VALUE = "hunter2-very-secret";
  private final SecretResolver resolver = new SecretResolver(Map.of("HOOK", VALUE, "BLANK", "  ")::get);

  @Test
  void readsEnvironmentReferences() {
    assertThat(resolver.resolve("env:HOOK").reveal()).isEqualTo(VALUE);
  }

  @Test
  void readsFileReferencesTrimmed(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("secret");
    Files.writeString(file, VALUE + "\n");
    assertThat(resolver.resolve("file:" + file).reveal()).isEqualTo(VALUE);
  }

  @Test
  void failuresNameTheReferenceNeverAValue(@TempDir Path dir) {
    assertThatThrownBy(() -> resolver.resolve("env:MISSING")).isInstanceOf(SecretUnavailableException.class)
        .hasMessage("secret env:MISSING is not set");
    assertThatThrownBy(() -> resolver.resolve("env:BLANK")).hasMessage("secret env:BLANK is not set");
    assertThatThrownBy(() -> resolver.resolve("file:" + dir.resolve("absent")))
        .hasMessageContaining("cannot be read").hasMessageNotContaining(VALUE);
    assertThatThrownBy(() -> resolver.resolve(VALUE)).hasMessage("secret reference must start with env: or file:");
  }

  @Test
  void secretsDoNotPrintThemselves() {
    Secret secret = resolver.resolve("env:HOOK");
    assertThat(secret.toString()).isEqualTo("***");
    assertThat("token=" + secret).doesNotContain(VALUE);
  }
}
