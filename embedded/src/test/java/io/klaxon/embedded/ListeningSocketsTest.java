package io.klaxon.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ListeningSocketsTest {
  private static final String HEADER =
      "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";

  @Test
  void decodesIpv4AndMappedAddresses() {
    assertThat(ListeningSockets.address("0100007F")).isEqualTo("127.0.0.1");
    assertThat(ListeningSockets.address("00000000")).isEqualTo("0.0.0.0");
    assertThat(ListeningSockets.address("0000000000000000FFFF00000100007F")).isEqualTo("127.0.0.1");
    assertThat(ListeningSockets.address("00000000000000000000000000000000")).isEqualTo("00000000000000000000000000000000");
  }

  @Test
  void keepsOnlyListeningRowsOfTheGivenInodes() {
    List<String> table = List.of(HEADER,
        "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 111 1 0 100 0 0 10 0",
        "   1: 00000000:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 222 1 0 100 0 0 10 0",
        "   2: 0100007F:1F90 0100007F:C350 01 00000000:00000000 00:00000000 00000000     0        0 333 1 0 20 4 30 10 -1",
        "   3: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 444 1 0 100 0 0 10 0");

    assertThat(ListeningSockets.parse(table, Set.of("111", "222", "333")))
        .containsExactly(new ListeningSockets.Listener("127.0.0.1", 8080), new ListeningSockets.Listener("0.0.0.0", 80));
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void seesThisProcessListeningElsewhereThan127001() throws Exception {
    // 127.0.0.2 is still this machine's loopback, so the check is proved without exposing anything.
    try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.2"));
         ServerSocket loopback = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      List<ListeningSockets.Listener> listeners = ListeningSockets.ofThisProcess();

      assertThat(listeners).contains(
          new ListeningSockets.Listener("127.0.0.2", other.getLocalPort()),
          new ListeningSockets.Listener("127.0.0.1", loopback.getLocalPort()));
      assertThat(listeners).filteredOn(l -> l.port() == other.getLocalPort())
          .noneMatch(ListeningSockets.Listener::isIpv4Loopback);
    }
  }
}
