package io.klaxon.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.embedded.junit.BrokerAndRegistryExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every socket the broker and the registry listen on is bound to 127.0.0.1, never a wildcard. */
@EnabledOnOs(OS.LINUX)
class LoopbackOnlyIT {
  @RegisterExtension
  static final BrokerAndRegistryExtension KAFKA = BrokerAndRegistryExtension.withRegistryRequiring("user:password");

  @Test
  void brokerAndRegistryListenOnLoopbackOnly() throws Exception {
    List<ListeningSockets.Listener> listeners = ListeningSockets.ofThisProcess();

    assertThat(listeners).extracting(ListeningSockets.Listener::port)
        .as("the check sees the servers' own sockets")
        .contains(KAFKA.broker().port(), KAFKA.broker().controllerPort(), KAFKA.registry().port());
    assertThat(listeners).allSatisfy(listener -> assertThat(listener.isIpv4Loopback())
        .as("listening on %s:%d", listener.address(), listener.port()).isTrue());
  }
}
