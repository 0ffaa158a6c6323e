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
 * environment variables ({@link IngestSettings}), stopped in order on SIGTERM.
 */
public final class IngestMain {
  private static final Logger LOG = LoggerFactory.getLogger(IngestMain.class);

  private IngestMain() {}

  public static void main(String[] args) throws Exception {
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
