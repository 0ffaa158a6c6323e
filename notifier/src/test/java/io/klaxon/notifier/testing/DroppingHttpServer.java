package io.klaxon.notifier.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw keep-alive HTTP/1.1 server on 127.0.0.1 that answers {@code 200} with a given JSON body to
 * every request but one:
 * that one it reads in full (headers and body, so the receiver has it) and then closes the
 * connection without an answer, the way a receiver that crashed or was restarted after taking a
 * request does. It records every request that arrived in full, with its {@code webhook-id} (empty
 * when it has none).
 */
public final class DroppingHttpServer implements AutoCloseable {
  private final ServerSocket socket;
  private final int dropped;
  private final byte[] answer;
  private final List<Socket> clients = new CopyOnWriteArrayList<>();
  private final AtomicInteger count = new AtomicInteger();
  private final List<String> ids = new CopyOnWriteArrayList<>();

  /**
   * @param dropped the number (from 1, over all connections) of the request that gets no answer
   * @param json the body of every other answer
   */
  public DroppingHttpServer(int dropped, String json) throws IOException {
    this.dropped = dropped;
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    this.answer = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n"
        + json).getBytes(StandardCharsets.UTF_8);
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(this::acceptLoop);
  }

  public String url(String path) {
    return "http://127.0.0.1:" + socket.getLocalPort() + path;
  }

  /** The {@code webhook-id} of every request that arrived in full (empty when none), in arrival order. */
  public List<String> webhookIds() {
    return List.copyOf(ids);
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        clients.add(client);
        Thread.ofVirtual().start(() -> serve(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      while (true) {
        String headers = readHeaders(in);
        if (headers == null) {
          return;
        }
        int length = 0;
        String id = "";
        for (String line : headers.lines().toList()) {
          String lower = line.toLowerCase(Locale.ROOT);
          if (lower.startsWith("content-length:")) {
            length = Integer.parseInt(line.substring("content-length:".length()).trim());
          } else if (lower.startsWith("webhook-id:")) {
            id = line.substring("webhook-id:".length()).trim();
          }
        }
        if (in.readNBytes(length).length < length) {
          return;
        }
        ids.add(id);
        if (count.incrementAndGet() == dropped) {
          return; // Closes the connection: the request was taken, its answer never comes.
        }
        out.write(answer);
        out.flush();
      }
    } catch (IOException e) {
      // Connection over.
    }
  }

  private static String readHeaders(InputStream in) throws IOException {
    ByteArrayOutputStream headers = new ByteArrayOutputStream();
    int matched = 0;
    byte[] endOfHeaders = {'\r', '\n', '\r', '\n'};
    while (matched < endOfHeaders.length) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      headers.write(b);
      matched = b == endOfHeaders[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return headers.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket client : clients) {
      client.close();
    }
  }
}
