package io.klaxon.bench.alertmanager;

/** The Alertmanager binary is not installed; the message says how to install it. */
public final class AlertmanagerNotFoundException extends RuntimeException {
  public AlertmanagerNotFoundException(String looked) {
    super("Prometheus Alertmanager not found (looked for " + looked + "). Install it with "
        + "'apt-get install prometheus-alertmanager' (Debian/Ubuntu), or set ALERTMANAGER_BIN to its path.");
  }
}
