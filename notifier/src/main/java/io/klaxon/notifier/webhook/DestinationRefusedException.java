package io.klaxon.notifier.webhook;

import java.net.UnknownHostException;

/**
 * The SSRF guard refused a destination: its scheme, its credentials or an address it resolves to.
 * An {@link UnknownHostException}, so that an HTTP client that asked the guard to resolve a host
 * gives up on it like on a name that does not exist, and never connects. The message is the
 * reason, naming the host but never a path, query or secret.
 */
public final class DestinationRefusedException extends UnknownHostException {
  private static final long serialVersionUID = 1L;

  public DestinationRefusedException(String reason) {
    super(reason);
  }
}
