package io.klaxon.cli.send;

import io.klaxon.cli.KafkaOptions;
import io.klaxon.contract.AlertEventJson;
import io.klaxon.contract.TenantIds;
import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertKind;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.Link;
import io.klaxon.events.Severity;
import io.klaxon.serde.SpecificAvroSerializer;
import io.klaxon.topics.TopicNames;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code klaxon send}: publishes one AlertEvent, keyed by tenant id, built from flags or read from
 * JSON ({@code --json FILE}, {@code -} for standard input), and prints its partition and offset.
 * Exit 0 when acknowledged, 1 when the broker or registry failed, 2 for bad or missing flags.
 */
@Command(name = "send", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Publish one alert event to the alerts topic.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:published", "1:publishing failed", "2:usage error (bad flag or JSON)"})
public final class SendCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  KafkaOptions kafka;

  @Option(names = "--json", paramLabel = "FILE|-", description = "Read the event as JSON (AlertEvent field names) from FILE or stdin.")
  String json;

  @Option(names = "--tenant", description = "Tenant id.")
  String tenant;

  @Option(names = "--severity", description = "CRITICAL, HIGH, WARNING or INFO.")
  Severity severity;

  @Option(names = "--kind", defaultValue = "ALERT", description = "ALERT or WARNING (default: ${DEFAULT-VALUE}).")
  AlertKind kind;

  @Option(names = "--status", defaultValue = "FIRING", description = "FIRING or RESOLVED (default: ${DEFAULT-VALUE}).")
  AlertStatus status;

  @Option(names = "--source", defaultValue = "klaxon-cli", description = "Service or check raising the alert (default: ${DEFAULT-VALUE}).")
  String source;

  @Option(names = "--title", description = "One-line summary.")
  String title;

  @Option(names = "--message", defaultValue = "", description = "Details.")
  String message;

  @Option(names = "--label", paramLabel = "NAME=VALUE", description = "A label (repeatable).")
  Map<String, String> labels = new LinkedHashMap<>();

  @Option(names = "--fingerprint", description = "Deduplication identity; derived by Klaxon when absent.")
  String fingerprint;

  @Option(names = "--locale", description = "BCP 47 locale for this alert's notifications.")
  String locale;

  @Option(names = "--link", paramLabel = "URL[|TEXT]", description = "A link, optionally with text after '|' (repeatable).")
  List<String> links = new ArrayList<>();

  @Option(names = "--event-id", description = "Event id (default: a random UUID).")
  String eventId;

  @Option(names = "--topic", description = "Alerts topic (default: " + TopicNames.DEFAULT_ALERTS + ", or $ALERTS_TOPIC when set).")
  String topic;

  @Override
  public Integer call() throws Exception {
    AlertEvent event = json != null ? fromJson() : fromFlags();
    Map<String, Object> props = kafka.clientProperties(Map.of(
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000,
        ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000));
    try (KafkaProducer<String, AlertEvent> producer = new KafkaProducer<>(props, new StringSerializer(),
        new SpecificAvroSerializer<>(kafka.registry(), false, true))) {
      String alerts = topic != null ? topic : kafka.topics().alerts();
      RecordMetadata m = producer.send(new ProducerRecord<>(alerts, event.getTenantId(), event)).get();
      spec.commandLine().getOut().println("sent event " + event.getEventId() + " -> " + m.topic() + "-" + m.partition() + "@" + m.offset());
    }
    return 0;
  }

  AlertEvent fromJson() throws IOException {
    try (Reader reader = "-".equals(json)
        ? new InputStreamReader(System.in, StandardCharsets.UTF_8)
        : Files.newBufferedReader(Path.of(json), StandardCharsets.UTF_8)) {
      return AlertEventJson.read(reader, Instant.now());
    } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ParameterException(spec.commandLine(), "--json " + json + ": " + e.getMessage());
    }
  }

  AlertEvent fromFlags() {
    if (tenant == null || severity == null || title == null) {
      throw new ParameterException(spec.commandLine(), "--tenant, --severity and --title are required (or use --json)");
    }
    if (!TenantIds.isValid(tenant)) {
      throw new ParameterException(spec.commandLine(), "--tenant '" + tenant + "' is not a tenant id (" + TenantIds.PATTERN.pattern() + ")");
    }
    List<Link> parsedLinks = new ArrayList<>();
    for (String link : links) {
      int bar = link.indexOf('|');
      parsedLinks.add(Link.newBuilder()
          .setUrl(bar < 0 ? link : link.substring(0, bar))
          .setText(bar < 0 ? null : link.substring(bar + 1))
          .build());
    }
    return AlertEvent.newBuilder()
        .setEventId(eventId != null ? eventId : UUID.randomUUID().toString())
        .setTenantId(tenant).setKind(kind).setStatus(status).setSeverity(severity)
        .setSource(source).setTitle(title).setMessage(message).setLabels(labels)
        .setFingerprint(fingerprint).setOccurredAt(Instant.now()).setLocale(locale).setLinks(parsedLinks)
        .build();
  }
}
