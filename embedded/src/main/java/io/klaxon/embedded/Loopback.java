package io.klaxon.embedded;

/** The only address the embedded servers listen on: they are for this machine alone. */
final class Loopback {
  /** IPv4 loopback, spelled out so that no resolver or IPv6 preference changes it. */
  static final String HOST = "127.0.0.1";

  private Loopback() {}
}
