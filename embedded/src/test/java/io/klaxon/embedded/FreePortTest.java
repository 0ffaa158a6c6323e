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

  @Test
  void aPortAnotherJvmReservedIsNotPickedAndAReservedPortIsNotHandedOutTwice() {
    PortReservations elsewhere = new PortReservations(dir.resolve("ports"));
    PortReservations here = new PortReservations(dir.resolve("ports"));
    assertThat(elsewhere.reserve(FreePort.LOWEST)).isTrue();
    // (Within one JVM the file lock refuses a second channel, as it refuses another process.)

    // Two ports below the range, one of them held elsewhere.
    Optional<Integer> twoPorts = Optional.of(FreePort.LOWEST + 2);
    int first = FreePort.pick(twoPorts, here);
    int second = FreePort.pick(twoPorts, here);

    assertThat(first).isNotEqualTo(FreePort.LOWEST).isPositive();
    assertThat(second).isNotEqualTo(FreePort.LOWEST).isPositive();
    if (first == FreePort.LOWEST + 1) {
      assertThat(second).as("the one free port of the two is this JVM's now").isNotEqualTo(first);
    }
    assertThat(here.reserve(FreePort.LOWEST)).isFalse();
    assertThat(elsewhere.reserve(FreePort.LOWEST)).as("held already").isFalse();
  }

  @Test
  void whereTheReservationsCannotBeWrittenTheBindCheckAloneDecides() throws IOException {
    PortReservations unwritable = new PortReservations(Files.writeString(dir.resolve("a-file"), "").resolve("ports"));

    assertThat(unwritable.reserve(FreePort.LOWEST)).isTrue();
  }
}
