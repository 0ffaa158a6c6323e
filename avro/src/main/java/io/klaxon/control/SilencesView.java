package io.klaxon.control;

import io.klaxon.topics.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The compacted silences topic as it stands, followed by a {@link TenantKeyedView}: {@link #silences}
 * reads one's own writes and everyone else's, so a silence whose write Kafka acknowledged before the
 * call (by this process, another copy or the command line) is in the answer. Used by the ingest
 * service (one view for its lifetime) and the command line (one view per command). Thread-safe;
 * {@link #close()} stops the thread and the consumer.
 */
public final class SilencesView implements AutoCloseable {
  private final TenantKeyedView<Silence> view;

  private SilencesView(TenantKeyedView<Silence> view) {
    this.view = view;
  }

  /**
   * Starts reading the topic on a thread of its own.
   *
   * @param clientProperties Kafka client properties: bootstrap servers, security
   * @param topic the silences topic, with the serdes its records are read with
   * @param threadName the reading thread's name
   */
  public static SilencesView start(Map<String, Object> clientProperties, Topic<String, Silence> topic,
      String threadName) {
    return new SilencesView(TenantKeyedView.start(clientProperties, topic, Silence::getTenantId, threadName));
  }

  /**
   * The tenant's silences (ended ones included) once the view has read the topic up to the end
   * offsets it had at the call.
   *
   * @throws SilencesUnavailableException when that does not happen within {@code timeout}, or a
   *     record of the tenant cannot be decoded because the schema registry does not answer
   */
  public List<Silence> silences(String tenantId, Duration timeout) {
    try {
      return view.values(tenantId, timeout);
    } catch (ViewUnavailableException e) {
      throw new SilencesUnavailableException(e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    view.close();
  }
}
