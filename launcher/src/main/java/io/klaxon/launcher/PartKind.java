package io.klaxon.launcher;

import io.klaxon.launcher.parts.BrokerPart;
import io.klaxon.launcher.parts.IngestPart;
import io.klaxon.launcher.parts.CustomPart;
import io.klaxon.launcher.parts.NotifierPart;
import io.klaxon.launcher.parts.RegistryPart;
import io.klaxon.launcher.parts.StandInsPart;
import io.klaxon.launcher.parts.StreamsPart;
import io.klaxon.ops.Env;

/**
 * The kinds of part a deployment is made of, each with its one entry point: a static {@code
 * start(Env)} that configures the component from environment variables only and returns once it
 * is started (its readiness is then answered on its health URL). The launcher calls the same entry
 * point in-process and, through {@link PartMain}, in a separate process, so both modes configure a
 * component the same way.
 *
 * <p>Parts start in this order: the broker, then (once it is ready and the topics exist) the
 * registry, then every other part together.
 */
public enum PartKind {
  /** A single-node KRaft broker ({@link BrokerPart}). */
  BROKER("broker", BrokerPart::start),
  /** The schema registry server, keeping its schemas on the broker ({@link RegistryPart}). */
  REGISTRY("registry", RegistryPart::start),
  /** The local Slack, SMTP, webhook and PagerDuty stand-ins and their inbox page ({@link StandInsPart}). */
  STAND_INS("stand-ins", StandInsPart::start),
  /** One instance of the Streams app ({@link StreamsPart}). */
  STREAMS("streams", StreamsPart::start),
  /** One notifier ({@link NotifierPart}). */
  NOTIFIER("notifier", NotifierPart::start),
  /** One copy of the HTTP ingest service ({@link IngestPart}). */
  INGEST("ingest", IngestPart::start),
  /** A component of the caller's, named by its class ({@link CustomPart}), e.g. a benchmark's reference application. */
  CUSTOM("custom", CustomPart::start);

  /** An env-driven entry point: starts the component and returns what stops it. */
  @FunctionalInterface
  public interface EntryPoint {
    AutoCloseable start(Env env) throws Exception;
  }

  private final String label;
  @SuppressWarnings("ImmutableEnumChecker") // Each is a method reference: immutable, though its interface cannot say so.
  private final EntryPoint entryPoint;

  PartKind(String label, EntryPoint entryPoint) {
    this.label = label;
    this.entryPoint = entryPoint;
  }

  /** How parts of this kind are named ({@code broker}, {@code streams}, ...). */
  public String label() {
    return label;
  }

  /** Whether the rest of the deployment needs this part before it can start (broker, registry). */
  public boolean infrastructure() {
    return this == BROKER || this == REGISTRY;
  }

  /**
   * Starts a part of this kind in this JVM, configured by {@code env}.
   *
   * @return what stops it (idempotent close)
   * @throws Exception whatever the component throws when it cannot start; nothing is left running
   */
  public AutoCloseable start(Env env) throws Exception {
    return entryPoint.start(env);
  }
}
