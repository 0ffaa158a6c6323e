package io.klaxon.ingest;

import io.klaxon.ops.Env;
import io.klaxon.registry.SchemaRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java io.klaxon.ingest.IngestMain}: the ingest service as its own process, configured by
 * environment variables ({@link IngestSettings}), stopped in order on SIGTERM. A client that takes
 * longer than 30 s to send its request is disconnected.
 */
public final class IngestMain {
  private static final Logger LOG = LoggerFactory.getLogger(IngestMain.class);

  private IngestMain() {}

  /**
   * The JDK HTTP server's limit, in seconds, on receiving one request, body included. It has none by
   * default, so a client that stalls in the middle of a body would hold its connection forever.
   * Read once, when the server classes load, so it is set before anything starts.
   */
  public static final String MAX_REQUEST_SECONDS_PROPERTY = "sun.net.httpserver.maxReqTime";

  public static void main(String[] args) throws Exception {
    if (System.getProperty(MAX_REQUEST_SECONDS_PROPERTY) == null) {
      System.setProperty(MAX_REQUEST_SECONDS_PROPERTY, "30");
    }
    IngestSettings settings = IngestSettings.from(Env.system());
    SchemaRegistry registry = settings.cluster().registry().connect();
    IngestService service = IngestService.start(settings, registry, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("Stopping the Klaxon ingest service");
      service.close();
      try {
        registry.close();
      } catch (Exception e) {
        LOG.warn("Closing the schema registry client failed", e);
      }
      stopped.countDown();
    }, "ingest-shutdown"));
    stopped.await();
  }
}
