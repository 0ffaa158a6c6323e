package io.klaxon.notifier.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw server socket on 127.0.0.1 that reads a request's headers, answers {@code 200} with
 * {@code Content-Length: 1048576} and a few bytes of body, and then says nothing more until it is
 * closed: a receiver that stalls in the middle of its body.
 */
public final class StallingHttpServer implements AutoCloseable {
  private final ServerSocket socket;
  private final List<Socket> clients = new CopyOnWriteArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();

  public StallingHttpServer() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(this::acceptLoop);
  }

  public String url(String path) {
    return "http://127.0.0.1:" + socket.getLocalPort() + path;
  }

  /** Requests whose headers arrived. */
  public int requests() {
    return requests.get();
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        clients.add(client);
        Thread.ofVirtual().start(() -> stall(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void stall(Socket client) {
    try {
      InputStream in = client.getInputStream();
      int matched = 0;
      byte[] endOfHeaders = {'\r', '\n', '\r', '\n'};
      while (matched < endOfHeaders.length) {
        int b = in.read();
        if (b < 0) {
          return;
        }
        matched = b == endOfHeaders[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      }
      requests.incrementAndGet();
      client.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
          + "Content-Length: 1048576\r\n\r\n{\"ok\":").getBytes(StandardCharsets.US_ASCII));
      client.getOutputStream().flush();
      // Then silence: the socket stays open until the server is closed.
    } catch (IOException e) {
      // Connection over.
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket client : clients) {
      client.close();
    }
  }
}
