package io.klaxon.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Every socket the broker and the registry listen on is bound to 127.0.0.1, never a wildcard. */
@EnabledOnOs(OS.LINUX)
class LoopbackOnlyIT {

  @Test
  void brokerAndRegistryListenOnLoopbackOnly() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().temporaryDataDir(Path.of("target", "kafka-it")).start();
         EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder(broker.bootstrapServers())
             .topic("_schemas-" + UUID.randomUUID()).basicAuth("user:password").start()) {

      List<ListeningSockets.Listener> listeners = ListeningSockets.ofThisProcess();

      assertThat(listeners).extracting(ListeningSockets.Listener::port)
          .as("the check sees the servers' own sockets")
          .contains(broker.port(), broker.controllerPort(), registry.port());
      assertThat(listeners).allSatisfy(listener -> assertThat(listener.isIpv4Loopback())
          .as("listening on %s:%d", listener.address(), listener.port()).isTrue());
    }
  }
}
