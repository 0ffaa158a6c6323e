package io.klaxon.notifier.email;

import io.klaxon.ops.secret.Secret;
import java.time.Duration;
import java.util.Objects;

/**
 * How the notifier reaches its SMTP server.
 *
 * @param host SMTP host
 * @param port SMTP port (25, 587 with STARTTLS, 465 with implicit TLS)
 * @param startTls upgrade the connection with STARTTLS when the server offers it
 * @param startTlsRequired refuse to send when STARTTLS cannot be negotiated
 * @param implicitTls connect with TLS from the start (port 465)
 * @param username login name, null for no authentication
 * @param password login password, null for no authentication
 * @param from sender address
 * @param connectTimeout TCP connect timeout
 * @param timeout how long one attempt may take as a whole, from taking a connection to the
 *     server's last answer (also the limit of each single read and write)
 * @param connections SMTP connections kept open for reuse
 */
public record SmtpSettings(String host, int port, boolean startTls, boolean startTlsRequired, boolean implicitTls,
    String username, Secret password, String from, Duration connectTimeout, Duration timeout, int connections) {
  public SmtpSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(timeout, "timeout");
    if (connections < 1) {
      throw new IllegalArgumentException("connections must be at least 1");
    }
  }

  /** Plain SMTP without authentication, for a local sink. */
  public static SmtpSettings plain(String host, int port, String from) {
    return new SmtpSettings(host, port, false, false, false, null, null, from, Duration.ofSeconds(10),
        Duration.ofSeconds(30), 4);
  }

  public boolean authenticated() {
    return username != null && password != null;
  }

  @Override
  public String toString() {
    return "SmtpSettings[host=" + host + ", port=" + port + ", startTls=" + startTls + ", startTlsRequired="
        + startTlsRequired + ", implicitTls=" + implicitTls + ", username=" + username + ", password="
        + (password == null ? "none" : "***") + ", from=" + from + ", connections=" + connections + "]";
  }
}
