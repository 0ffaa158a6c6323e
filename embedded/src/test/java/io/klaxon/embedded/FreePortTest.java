package io.klaxon.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreePortTest {
  @TempDir
  Path dir;

  @Test
  void aPickedPortLiesBelowTheEphemeralRangeAndCanBeBound() throws IOException {
    for (int i = 0; i < 20; i++) {
      int port = FreePort.pick(Optional.of(32_768));
      assertThat(port).isBetween(FreePort.LOWEST, 32_767);
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(Loopback.HOST))) {
        assertThat(socket.getLocalPort()).isEqualTo(port);
      }
    }
  }

  @Test
  void aPortAlreadyHandedOutIsNotPickedAgain() {
    // Two ports below the range: a plain pick gives the taken one about every other time.
    for (int i = 0; i < 50; i++) {
      assertThat(FreePort.pickOtherThan(Set.of(FreePort.LOWEST), Optional.of(FreePort.LOWEST + 2)))
          .isNotEqualTo(FreePort.LOWEST)
          .isPositive();
    }
  }

  @Test
  void withNoRoomBelowTheRangeOrNoRangeTheSystemPicks() {
    assertThat(FreePort.pick(Optional.of(FreePort.LOWEST))).isPositive();
    assertThat(FreePort.pick(Optional.empty())).isPositive();
  }

  @Test
  void theRangeIsReadFromItsFileAndAnUnreadableOneIsNone() throws IOException {
    assertThat(FreePort.ephemeralStart(Files.writeString(dir.resolve("range"), "32768\t60999\n"))).contains(32_768);
    assertThat(FreePort.ephemeralStart(Files.writeString(dir.resolve("odd"), "low high"))).isEmpty();
    assertThat(FreePort.ephemeralStart(Files.writeString(dir.resolve("zero"), "0 0"))).isEmpty();
    assertThat(FreePort.ephemeralStart(dir.resolve("missing"))).isEmpty();
  }

  @Test
  void onThisMachineAPortIsPickedOutsideTheRangeTheSystemHandsToOutgoingConnections() {
    Optional<Integer> start = FreePort.ephemeralStart(Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
    Assumptions.assumeTrue(start.isPresent() && start.get() > FreePort.LOWEST,
        "no ephemeral range with room below it on this machine");
    assertThat(FreePort.pick()).isBetween(FreePort.LOWEST, start.get() - 1);
  }
}
