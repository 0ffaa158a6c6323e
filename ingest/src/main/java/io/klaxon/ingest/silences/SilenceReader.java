package io.klaxon.ingest.silences;

import io.klaxon.control.Silence;
import java.util.List;

/** Where the silences API reads a tenant's silences ({@code SilencesView#silences} in the service). Thread-safe. */
@FunctionalInterface
public interface SilenceReader {
  /**
   * The tenant's silences, ended ones included, with every write acknowledged before the call.
   *
   * @throws io.klaxon.control.SilencesUnavailableException when they cannot be read now
   */
  List<Silence> of(String tenantId);
}
