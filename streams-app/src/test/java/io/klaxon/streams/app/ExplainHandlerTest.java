package io.klaxon.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klaxon.ops.Health;
import io.klaxon.ops.OpsServer;
import io.klaxon.streams.KlaxonTopology;
import io.klaxon.streams.PipelineListener;
import io.klaxon.streams.TopologyConfig;
import io.klaxon.registry.InMemorySchemaRegistry;
import io.klaxon.topics.KlaxonTopics;
import io.klaxon.topics.TopicNames;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The explain endpoint's answers to requests it cannot serve, over HTTP (the streams are never started). */
class ExplainHandlerTest {
  private KafkaStreams streams;
  private OpsServer ops;

  @BeforeEach
  void start() throws IOException {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "explain-handler-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
    props.put(StreamsConfig.STATE_DIR_CONFIG, "target/explain-handler-test");
    streams = new KafkaStreams(KlaxonTopology.build(TopologyConfig.defaults(),
        KlaxonTopics.of(TopicNames.DEFAULTS, new InMemorySchemaRegistry()), PipelineListener.NONE), props);
    ops = OpsServer.start("127.0.0.1", 0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), () -> Health.up("test"));
    ops.route(ExplainHandler.PREFIX, new ExplainHandler(streams, new HostInfo("127.0.0.1", ops.port()), 300_000));
  }

  @AfterEach
  void stop() {
    ops.close();
    streams.close();
  }

  /** The raw answer to a GET of {@code rawPath}, sent as is (an HTTP client would refuse or re-encode it). */
  private String get(String rawPath) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", ops.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      try (InputStream in = socket.getInputStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
  }

  @Test
  void aPercentEscapeThatIsNotUtf8IsABadRequestWithAMessage() throws IOException {
    String answer = get("/tenants/acme/fingerprints/%C3%28");

    assertThat(answer).startsWith("HTTP/1.1 400").contains("application/json")
        .contains("\"error\":\"path segment '%C3%28' is not valid percent-encoded UTF-8\"");
  }

  @Test
  void aMalformedTenantSegmentIsABadRequestToo() throws IOException {
    assertThat(get("/tenants/%FF")).startsWith("HTTP/1.1 400").contains("'%FF'");
  }

  @Test
  void segmentsDecodeAsPercentEncodedUtf8AndRefuseIncompleteOrNonHexEscapes() {
    assertThat(ExplainHandler.decode("disk%20full%2Fa+b%C3%A9")).isEqualTo("disk full/a+bé");
    for (String malformed : new String[] {"%zz", "%", "a%2", "%C3"}) {
      assertThatThrownBy(() -> ExplainHandler.decode(malformed)).as(malformed)
          .isInstanceOf(ExplainHandler.MalformedSegmentException.class).hasMessageContaining("'" + malformed + "'");
    }
  }

  @Test
  void aWellFormedRequestWhileStreamsAreNotRunningIsUnavailable() throws IOException {
    assertThat(get("/tenants/acme/fingerprints/a%2Bb")).startsWith("HTTP/1.1 503").contains("streams not running");
  }
}
