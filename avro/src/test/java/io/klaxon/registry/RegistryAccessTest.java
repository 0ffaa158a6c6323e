package io.klaxon.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

class RegistryAccessTest {
  /** A registry whose every call throws {@code failure}. */
  private static SchemaRegistry failing(SchemaRegistryException failure) {
    return (SchemaRegistry) Proxy.newProxyInstance(SchemaRegistry.class.getClassLoader(),
        new Class<?>[] {SchemaRegistry.class}, (proxy, method, args) -> {
          throw failure;
        });
  }

  @Test
  void aRegistryThatAnswersPassesEvenWithoutTheSubject() {
    InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    assertThat(RegistryAccess.verify(registry, "nothing-yet-value")).isTrue();
    registry.register("x-value", InMemorySchemaRegistryTest.V1);
    assertThat(RegistryAccess.verify(registry, "x-value")).isTrue();
  }

  @Test
  void anUnreachableRegistryIsNotAConfigurationError() {
    assertThat(RegistryAccess.verify(failing(new SchemaRegistryUnavailableException(0, "down", null)), "x-value"))
        .isFalse();
  }

  @Test
  void refusedCredentialsFailWithTheRegistrysAnswer() {
    SchemaRegistryException refused = new SchemaRegistryException(401, 401, "Schema registry answered HTTP 401");
    assertThatThrownBy(() -> RegistryAccess.verify(failing(refused), "x-value")).isSameAs(refused);
    assertThat(refused.isAccessDenied()).isTrue();
    assertThat(new SchemaRegistryException(403, 40301, "forbidden").isAccessDenied()).isTrue();
    assertThat(new SchemaRegistryException(404, 40401, "no subject").isAccessDenied()).isFalse();
  }
}
