package io.klaxon.ingest;

import static io.klaxon.ingest.TestTenants.key;
import static io.klaxon.ingest.TestTenants.revoked;
import static io.klaxon.ingest.TestTenants.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.embedded.junit.BrokerAndRegistryExtension;
import io.klaxon.embedded.junit.LogCapture;
import io.klaxon.embedded.junit.SecretScan;
import io.klaxon.events.Tier;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tenants' API keys never leave the ingest service: after accepted, invalid, unauthenticated,
 * revoked, over-quota and oversized requests, no key is in a log line, an answer, a record of the
 * tenants or alerts topic (tenant files carry key hashes only), the metrics or the health answers.
 */
class IngestSecretLeakIT {
  @RegisterExtension
  static final BrokerAndRegistryExtension KAFKA = BrokerAndRegistryExtension.withRegistry();

  private static final String ACME_KEY = "klx_acme-leak-it-key-00000000000000000000000000";
  private static final String GLOBEX_KEY = "klx_globex-leak-it-key-0000000000000000000000000";
  private static final String REVOKED_KEY = "klx_acme-revoked-leak-it-key-00000000000000000";
  private static final String UNKNOWN_KEY = "klx_nobody-leak-it-key-0000000000000000000000000";

  @Test
  void noApiKeyLeaksThroughAnyAnswerRecordMetricOrLogLine() throws Exception {
    Map<String, String> keys = Map.of("ACME_KEY", ACME_KEY, "GLOBEX_KEY", GLOBEX_KEY, "REVOKED_KEY", REVOKED_KEY,
        "UNKNOWN_KEY", UNKNOWN_KEY);
    try (LogCapture logs = new LogCapture();
        RunningIngest ingest = RunningIngest.start(KAFKA, Map.of("INGEST_MAX_BODY_BYTES", "2048", "INGEST_BURST_TRIAL", "1",
            "INGEST_RATE_TRIAL", "1"),
            tenant("acme", Tier.ENTERPRISE, key("ci", ACME_KEY), revoked("old", REVOKED_KEY)),
            tenant("globex", Tier.TRIAL, key("am", GLOBEX_KEY)))) {
      SecretScan scan = SecretScan.of(keys);
      List<HttpResponse<String>> answers = List.of(
          ingest.post(IngestService.ALERTMANAGER_API_PATH, ACME_KEY,
              "[{\"labels\": {\"alertname\": \"DiskFull\", \"token\": \"" + ACME_KEY + "\"}}]"),
          ingest.post(IngestService.EVENTS_PATH, ACME_KEY, "[{\"severity\": \"LOUD\"}, {\"title\": 3}]"),
          ingest.post(IngestService.EVENTS_PATH, REVOKED_KEY, "{}"),
          ingest.post(IngestService.EVENTS_PATH, UNKNOWN_KEY, "{}"),
          ingest.post(IngestService.EVENTS_PATH, ACME_KEY, "x".repeat(4096)),
          ingest.post(IngestService.ALERTMANAGER_WEBHOOK_PATH, GLOBEX_KEY, "{\"alerts\": [{\"labels\": {\"alertname\": \"A\"}}]}"),
          ingest.post(IngestService.ALERTMANAGER_WEBHOOK_PATH, GLOBEX_KEY, "{\"alerts\": [{\"labels\": {\"alertname\": \"B\"}}]}"),
          ingest.post(IngestService.EVENTS_PATH, GLOBEX_KEY, "not json"));
      assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(200, 400, 401, 401, 413, 200, 429, 400);
      for (HttpResponse<String> answer : answers) {
        scan.text(answer.request().uri() + " answer " + answer.statusCode(), answer.statusCode() + " " + answer.headers().map()
            + "\n" + answer.body());
      }

      ingest.topics().forEach(topic -> scan.topic(KAFKA.clientConfig(), topic));
      scan.http(ingest.url() + "/metrics").http(ingest.url() + "/health/live").http(ingest.url() + "/health/ready")
          .lines("log", logs.lines());

      // The alert whose label carries a key is the producer's own data, written as sent: the one
      // place a key may appear is where its owner put it. Everything else must be clean.
      assertThat(scan.findings()).isNotEmpty()
          .allSatisfy(finding -> assertThat(finding).startsWith("ACME_KEY in " + ingest.topics().get(1)));
      assertThat(scan.scanned()).anySatisfy(what -> assertThat(what).startsWith(ingest.topics().get(0) + " (2 records)"));
    }
  }
}
