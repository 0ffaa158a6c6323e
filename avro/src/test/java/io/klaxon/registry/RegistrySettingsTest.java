package io.klaxon.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistrySettingsTest {
  @Test
  void clientConfigRoundTrips() {
    RegistrySettings settings = new RegistrySettings("https://r.example", "u:p", Duration.ofMillis(2500));
    assertThat(RegistrySettings.fromClientConfig(settings.toClientConfig())).isEqualTo(settings);
    assertThat(RegistrySettings.fromClientConfig(Map.of("schema.registry.url", "http://x")))
        .isEqualTo(RegistrySettings.of("http://x"));
  }

  @Test
  void aMissingUrlOrBadTimeoutIsNamed() {
    assertThatThrownBy(() -> RegistrySettings.fromClientConfig(Map.of())).hasMessageContaining("schema.registry.url");
    assertThatThrownBy(() -> RegistrySettings.fromClientConfig(
        Map.of("schema.registry.url", "http://x", "schema.registry.request.timeout.ms", "soon")))
        .hasMessageContaining("schema.registry.request.timeout.ms");
  }

  @Test
  void mockUrlsConnectToTheirScope() {
    SchemaRegistry a = RegistrySettings.of("mock://settings-test").connect();
    SchemaRegistry b = RegistrySettings.of("mock://settings-test").connect();
    assertThat(a).isSameAs(b).isInstanceOf(InMemorySchemaRegistry.class);
    assertThat(RegistrySettings.of("http://127.0.0.1:1").connect()).isInstanceOf(HttpSchemaRegistryClient.class);
  }

  @Test
  void neitherPasswordNorUrlUserInfoIsShown() {
    RegistrySettings settings = new RegistrySettings("https://admin:hunter2@r.example/", "u:s3cret", null);
    assertThat(settings.toString()).doesNotContain("s3cret").doesNotContain("hunter2").contains("r.example");
    assertThat(settings.redactedUrl()).isEqualTo("https://r.example/");
    assertThat(RegistrySettings.redact("http://a:b@one:8081,https://c@two/x")).isEqualTo("http://one:8081,https://two/x");
  }
}
