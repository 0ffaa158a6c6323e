package io.klaxon.notifier.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real SMTP server on 127.0.0.1 that speaks just enough ESMTP (EHLO, AUTH PLAIN/LOGIN, MAIL,
 * RCPT, DATA, RSET, NOOP, QUIT) to script the answers GreenMail cannot give: a transient or
 * permanent refusal, a server that stops answering or never finishes a reply, or one that closes
 * after each message.
 */
final class ScriptedSmtpServer implements AutoCloseable {
  /** How the server answers the next message; DRIP never ends its reply to MAIL FROM, one line every 100 ms. */
  enum Mode { ACCEPT, TRANSIENT, RATE_LIMITED, REFUSE, HANG, DRIP, ACCEPT_THEN_CLOSE }

  private final ServerSocket socket;
  private final BlockingQueue<Mode> script = new LinkedBlockingQueue<>();
  private final List<String> messages = new CopyOnWriteArrayList<>();
  private final List<String> credentials = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final List<Socket> clients = new CopyOnWriteArrayList<>();

  ScriptedSmtpServer() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(this::acceptLoop);
  }

  int port() {
    return socket.getLocalPort();
  }

  void enqueue(Mode mode) {
    script.add(mode);
  }

  List<String> messages() {
    return messages;
  }

  List<String> credentials() {
    return credentials;
  }

  int connections() {
    return connections.get();
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        clients.add(client);
        connections.incrementAndGet();
        Thread.ofVirtual().start(() -> serve(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client;
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = client.getOutputStream()) {
      reply(out, "220 scripted ESMTP");
      Mode mode = Mode.ACCEPT;
      String line;
      while ((line = in.readLine()) != null) {
        String upper = line.toUpperCase(java.util.Locale.ROOT);
        if (upper.startsWith("EHLO")) {
          reply(out, "250-scripted\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME");
        } else if (upper.startsWith("HELO") || upper.startsWith("RSET") || upper.startsWith("NOOP")) {
          reply(out, "250 ok");
        } else if (upper.startsWith("AUTH PLAIN")) {
          String initial = line.length() > 10 ? line.substring(10).trim() : "";
          if (initial.isEmpty()) {
            reply(out, "334 ");
            initial = in.readLine();
          }
          credentials.add(new String(Base64.getDecoder().decode(initial), StandardCharsets.UTF_8));
          reply(out, "235 2.7.0 authenticated");
        } else if (upper.startsWith("AUTH LOGIN")) {
          reply(out, "334 VXNlcm5hbWU6");
          String user = new String(Base64.getDecoder().decode(in.readLine()), StandardCharsets.UTF_8);
          reply(out, "334 UGFzc3dvcmQ6");
          String password = new String(Base64.getDecoder().decode(in.readLine()), StandardCharsets.UTF_8);
          credentials.add(user + "\0" + password);
          reply(out, "235 2.7.0 authenticated");
        } else if (upper.startsWith("MAIL FROM")) {
          Mode next = script.poll();
          mode = next == null ? Mode.ACCEPT : next;
          if (mode == Mode.HANG) {
            closed.await();
            return;
          }
          while (mode == Mode.DRIP && !closed.await(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            reply(out, "250-still thinking");
          }
          reply(out, "250 ok");
        } else if (upper.startsWith("RCPT TO")) {
          switch (mode) {
            case TRANSIENT -> reply(out, "451 4.3.0 try again later");
            case RATE_LIMITED -> reply(out, "452 4.5.3 too many messages, slow down");
            case REFUSE -> reply(out, "550 5.1.1 no such user");
            default -> reply(out, "250 ok");
          }
        } else if (upper.startsWith("DATA")) {
          reply(out, "354 go ahead");
          StringBuilder message = new StringBuilder();
          while ((line = in.readLine()) != null && !line.equals(".")) {
            message.append(line).append('\n');
          }
          messages.add(message.toString());
          reply(out, "250 2.0.0 queued");
          if (mode == Mode.ACCEPT_THEN_CLOSE) {
            return;
          }
        } else if (upper.startsWith("QUIT")) {
          reply(out, "221 bye");
          return;
        } else {
          reply(out, "502 not implemented");
        }
      }
    } catch (IOException | InterruptedException e) {
      // Connection over.
    }
  }

  private static void reply(OutputStream out, String text) throws IOException {
    out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    closed.countDown();
    socket.close();
    for (Socket client : clients) {
      client.close();
    }
  }
}
