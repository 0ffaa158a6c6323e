package io.klaxon.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.embedded.FreePort;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A part as its own process ({@link PartMain}) stops when its launcher is gone (the end of its
 * standard input), also while it is still starting: a Streams part whose broker and registry
 * accept connections and never answer blocks in its start, and must not outlive its launcher.
 */
class PartMainIT {
  @Test
  void aPartStillStartingStopsOnceItsLauncherIsGone(@TempDir Path dir) throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String address = "127.0.0.1:" + silent.getLocalPort();
      Path log = dir.resolve("streams.log");
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "--enable-native-access=ALL-UNNAMED",
          "-Dlog4j2.configurationFile=klaxon-part-log4j2.xml",
          "-cp", System.getProperty("java.class.path"), PartMain.class.getName(), "streams"));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
      Map<String, String> env = builder.environment();
      env.put("KAFKA_BOOTSTRAP_SERVERS", address);
      env.put("SCHEMA_REGISTRY_URL", "http://" + address);
      env.put("SCHEMA_REGISTRY_TIMEOUT", "5m");
      env.put("STATE_DIR", dir.resolve("state").toString());
      env.put("HTTP_PORT", Integer.toString(FreePort.pick()));
      Process process = builder.start();
      List<Socket> held = new ArrayList<>();
      try {
        // Once the part has connected to the silent address, its start is under way and blocked.
        silent.setSoTimeout(60_000);
        held.add(silent.accept());
        assertThat(process.isAlive()).as("the part is still starting").isTrue();

        process.getOutputStream().close();

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the part stopped once its launcher was gone").isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(Files.readString(log, StandardCharsets.UTF_8))
            .contains("The launcher is gone; stopping before the part finished starting")
            .doesNotContain("The streams part is running");
      } catch (SocketTimeoutException e) {
        throw new AssertionError("the part never connected; its log:\n" + Files.readString(log, StandardCharsets.UTF_8), e);
      } finally {
        process.destroyForcibly();
        for (Socket socket : held) {
          socket.close();
        }
      }
    }
  }
}
