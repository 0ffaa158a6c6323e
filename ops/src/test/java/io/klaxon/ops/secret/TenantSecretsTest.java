package io.klaxon.ops.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tenant names only its own secrets: {@code env:<TENANT>_*}, or files under {@code SECRETS_DIR/<tenant>/}. */
class TenantSecretsTest {
  private static final Map<String, String> ENV = Map.of(
      "ACME_HOOK", "acme-key", "ACME_EU_HOOK", "acme-eu-key", "GLOBEX_HOOK", "globex-key", "SLACK_BOT_TOKEN", "xoxb-operator");

  @TempDir
  Path secretsDir;
  private TenantSecrets secrets;

  @BeforeEach
  void files() throws Exception {
    Files.createDirectories(secretsDir.resolve("acme"));
    Files.createDirectories(secretsDir.resolve("globex"));
    Files.writeString(secretsDir.resolve("acme/hook"), "acme-file-key\n");
    Files.writeString(secretsDir.resolve("globex/hook"), "globex-file-key\n");
    secrets = new TenantSecrets(new SecretResolver(ENV::get), secretsDir);
  }

  @Test
  void aTenantResolvesTheVariablesNamedAfterIt() {
    assertThat(secrets.resolve("acme", "env:ACME_HOOK").reveal()).isEqualTo("acme-key");
    assertThat(secrets.resolve("acme-eu", "env:ACME_EU_HOOK").reveal()).isEqualTo("acme-eu-key");
  }

  @Test
  void aTenantCannotNameAnotherTenantsOrTheOperatorsVariables() {
    assertThatThrownBy(() -> secrets.resolve("acme", "env:GLOBEX_HOOK")).isInstanceOf(SecretUnavailableException.class)
        .hasMessage("secret env:GLOBEX_HOOK is outside tenant acme's secrets (env:ACME_*, or files under "
            + secretsDir.resolve("acme") + "/)");
    assertThatThrownBy(() -> secrets.resolve("acme", "env:SLACK_BOT_TOKEN")).hasMessageContaining("outside tenant acme's");
    assertThatThrownBy(() -> secrets.resolve("acme", "env:ACME_")).hasMessageContaining("outside tenant acme's");
    assertThatThrownBy(() -> secrets.resolve("globex", "env:ACME_HOOK")).hasMessageContaining("outside tenant globex's");
  }

  @Test
  void aTenantResolvesFilesUnderItsOwnDirectoryOnly() throws Exception {
    assertThat(secrets.resolve("acme", "file:" + secretsDir.resolve("acme/hook")).reveal()).isEqualTo("acme-file-key");

    assertThatThrownBy(() -> secrets.resolve("acme", "file:" + secretsDir.resolve("globex/hook")))
        .hasMessageContaining("outside tenant acme's");
    assertThatThrownBy(() -> secrets.resolve("acme", "file:" + secretsDir.resolve("acme/../globex/hook")))
        .hasMessageContaining("outside tenant acme's");
    Path link = secretsDir.resolve("acme/link");
    Files.createSymbolicLink(link, secretsDir.resolve("globex/hook"));
    assertThatThrownBy(() -> secrets.resolve("acme", "file:" + link)).hasMessageContaining("outside tenant acme's");
  }

  @Test
  void withoutASecretsDirectoryTenantsHaveNoFileSecrets() {
    TenantSecrets envOnly = new TenantSecrets(new SecretResolver(ENV::get), null);

    assertThat(envOnly.resolve("acme", "env:ACME_HOOK").reveal()).isEqualTo("acme-key");
    assertThatThrownBy(() -> envOnly.resolve("acme", "file:" + secretsDir.resolve("acme/hook")))
        .hasMessage("secret file:" + secretsDir.resolve("acme/hook") + " is outside tenant acme's secrets (env:ACME_*; "
            + "file secrets need SECRETS_DIR)");
  }
}
