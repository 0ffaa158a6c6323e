package io.klaxon.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klaxon.ops.Env;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Starting and stopping all stand-ins together, configured from variables. */
class StandInsIT {
  private static final Map<String, String> ANY_PORTS = Map.of("SINKS_INBOX_PORT", "0", "SINKS_SLACK_PORT", "0",
      "SINKS_SMTP_PORT", "0", "SINKS_WEBHOOK_PORT", "0", "SINKS_PAGERDUTY_PORT", "0");

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  @Test
  void startsEverythingOnLoopbackAndStopsEverything() throws Exception {
    List<Integer> ports;
    try (StandIns standIns = StandIns.start(StandInsConfig.from(Env.of(ANY_PORTS)))) {
      ports = List.of(standIns.inboxServer().port(), standIns.slack().port(), standIns.smtp().port(), standIns.webhooks().port(),
          standIns.pagerDuty().port());
      assertThat(ports).allSatisfy(port -> assertThat(listening(port)).as("port %d", port).isTrue());
      assertThat(standIns.describe()).contains(standIns.inboxServer().url()).contains(":" + standIns.smtp().port())
          .contains(standIns.pagerDuty().eventsUrl());
    }
    assertThat(ports).allSatisfy(port -> assertThat(listening(port)).as("port %d after close", port).isFalse());
  }

  @Test
  void stopsWhatStartedWhenAPortIsTaken() throws Exception {
    try (StandIns first = StandIns.start(StandInsConfig.from(Env.of(ANY_PORTS)))) {
      int taken = first.webhooks().port();
      Map<String, String> vars = new java.util.HashMap<>(ANY_PORTS);
      vars.put("SINKS_WEBHOOK_PORT", Integer.toString(taken));
      int slackPort = freePort();
      vars.put("SINKS_SLACK_PORT", Integer.toString(slackPort));
      assertThatThrownBy(() -> StandIns.start(StandInsConfig.from(Env.of(vars)))).isInstanceOf(IOException.class);
      assertThat(listening(taken)).as("the first receiver still runs").isTrue();
      assertThat(listening(slackPort)).as("the Slack stand-in started before the failure is stopped").isFalse();
    }
  }
}
