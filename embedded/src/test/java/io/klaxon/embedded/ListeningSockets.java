package io.klaxon.embedded;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The TCP sockets this process is listening on, read from Linux's {@code /proc}: the socket inodes
 * among {@code /proc/self/fd}, matched against the LISTEN rows of {@code /proc/net/tcp} and
 * {@code /proc/net/tcp6}.
 */
final class ListeningSockets {
  private static final String LISTEN = "0A";

  /** One listening socket: its local address (dotted IPv4, or IPv6 hex when not IPv4-mapped) and port. */
  record Listener(String address, int port) {
    boolean isIpv4Loopback() {
      return "127.0.0.1".equals(address);
    }
  }

  private ListeningSockets() {}

  static List<Listener> ofThisProcess() throws IOException {
    Set<String> inodes = socketInodes();
    List<Listener> listeners = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path path = Path.of(table);
      if (Files.exists(path)) {
        listeners.addAll(parse(Files.readAllLines(path), inodes));
      }
    }
    return listeners;
  }

  /** The LISTEN rows of a {@code /proc/net/tcp[6]} table whose inode is in {@code inodes}. */
  static List<Listener> parse(List<String> lines, Set<String> inodes) {
    List<Listener> listeners = new ArrayList<>();
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      String[] f = line.trim().split("\\s+", -1);
      if (f.length < 10 || !LISTEN.equals(f[3]) || !inodes.contains(f[9])) {
        continue;
      }
      String[] local = f[1].split(":", -1);
      listeners.add(new Listener(address(local[0]), Integer.parseInt(local[1], 16)));
    }
    return listeners;
  }

  /** Decodes the kernel's hex address: 4 bytes (IPv4) or 16 bytes (IPv6) in 32-bit host-order words. */
  static String address(String hex) {
    if (hex.length() == 8) {
      return ipv4(hex);
    }
    String upper = hex.toUpperCase(Locale.ROOT);
    if (upper.startsWith("0000000000000000FFFF0000")) {
      return ipv4(upper.substring(24));
    }
    return upper;
  }

  private static String ipv4(String littleEndianHex) {
    StringBuilder address = new StringBuilder();
    for (int i = 6; i >= 0; i -= 2) {
      address.append(Integer.parseInt(littleEndianHex.substring(i, i + 2), 16));
      if (i > 0) {
        address.append('.');
      }
    }
    return address.toString();
  }

  private static Set<String> socketInodes() throws IOException {
    Set<String> inodes = new HashSet<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
      for (Path fd : fds) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException closedMeanwhile) {
          // the descriptor went away while listing; it is not listening then
        }
      }
    }
    return inodes;
  }
}
