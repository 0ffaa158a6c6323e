package io.klaxon.bench.jmh;

import io.klaxon.contract.SupportedLanguages;
import io.klaxon.events.AlertEvent;
import io.klaxon.events.Channel;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.EmailTarget;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.NotificationType;
import io.klaxon.events.SlackTarget;
import io.klaxon.events.Tier;
import io.klaxon.events.WebhookTarget;
import io.klaxon.notifier.metrics.NotifierMetrics;
import io.klaxon.notifier.render.MessageBundles;
import io.klaxon.notifier.render.RenderedMessage;
import io.klaxon.notifier.render.Renderer;
import io.klaxon.registry.InMemorySchemaRegistry;
import io.klaxon.topics.KlaxonTopics;
import io.klaxon.topics.Topic;
import io.klaxon.topics.TopicNames;
import io.klaxon.traffic.TenantProfile;
import io.klaxon.traffic.TrafficGenerator;
import io.klaxon.traffic.TrafficMix;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Template rendering per locale and channel: a typical alert notification rendered into a Slack
 * message (Block Kit, bidi isolates for right-to-left locales), an email (text and HTML) and a
 * webhook payload, in the tenant's time zone.
 *
 * <p>By default ({@code locale=all}) the requests take turns through every supported language
 * ({@link SupportedLanguages#ALL}), so one figure per channel covers them all; {@code -p
 * locale=ar} (or {@code -p locale=en,fr,ar}) measures chosen languages one by one. (A JMH
 * parameter's values are literals, so listing the languages here would copy the list.)
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class RenderBenchmark {
  private static final int REQUESTS = 256;
  /** The {@code locale} value that rotates through every supported language. */
  static final String ALL_LANGUAGES = "all";

  @Param({ALL_LANGUAGES})
  public String locale;

  @Param({"SLACK", "EMAIL", "WEBHOOK"})
  public String channel;

  private Renderer renderer;
  private NotificationRequest[] requests;
  private int next;

  @Setup
  public void setUp() {
    renderer = new Renderer(MessageBundles.builtIn(), "en", new NotifierMetrics(new SimpleMeterRegistry()));
    List<String> languages = languages(locale);
    Topic<String, AlertEvent> alerts = KlaxonTopics.of(TopicNames.DEFAULTS, new InMemorySchemaRegistry()).alerts();
    TrafficMix mix = new TrafficMix(List.of(new TenantProfile("acme", Tier.ENTERPRISE, List.of(), 1)), 0, 0, 0,
        TrafficMix.typicalSeverities(), null, 0, 100);
    TrafficGenerator generator = new TrafficGenerator(7, mix,
        e -> alerts.valueSerde().serializer().serialize(alerts.name(), e));
    ChannelTarget target = switch (Channel.valueOf(channel)) {
      case SLACK -> ChannelTarget.newBuilder().setId("chat").setChannel(Channel.SLACK)
          .setSlack(SlackTarget.newBuilder().setChannel("#alerts").setWebhookUrlRef(null).build()).build();
      case EMAIL -> ChannelTarget.newBuilder().setId("mail").setChannel(Channel.EMAIL)
          .setEmail(EmailTarget.newBuilder().setTo(List.of("oncall@example.test")).setCc(List.of()).build()).build();
      case WEBHOOK -> ChannelTarget.newBuilder().setId("hook").setChannel(Channel.WEBHOOK)
          .setWebhook(WebhookTarget.newBuilder().setUrl("https://hooks.example.test/klaxon")
              .setSecretRef("env:HOOK_SECRET").build()).build();
    };
    requests = new NotificationRequest[REQUESTS];
    for (int i = 0; i < REQUESTS; i++) {
      AlertEvent alert = alerts.valueSerde().deserializer()
          .deserialize(alerts.name(), generator.next(1_790_000_000_000L + i).value());
      requests[i] = NotificationRequest.newBuilder()
          .setNotificationId("n-" + i)
          .setTenantId("acme")
          .setTier(Tier.ENTERPRISE)
          .setType(NotificationType.ALERT)
          .setAlert(AlertEvent.newBuilder(alert).setLocale(null).build())
          .setFingerprint(alert.getFingerprint())
          .setDuplicatesSuppressed(i % 5)
          .setTarget(target)
          .setRouteName("page")
          .setTenantLocale(languages.get(i % languages.size()))
          .setTimeZone("Europe/Paris")
          .setRoutedAt(Instant.ofEpochMilli(1_790_000_000_000L + i))
          .build();
    }
  }

  /** Every supported language for {@link #ALL_LANGUAGES}, else the one named. */
  static List<String> languages(String locale) {
    if (ALL_LANGUAGES.equals(locale)) {
      return SupportedLanguages.ALL;
    }
    if (!SupportedLanguages.isSupported(locale)) {
      throw new IllegalArgumentException("locale '" + locale + "' is neither '" + ALL_LANGUAGES + "' nor one of "
          + SupportedLanguages.ALL);
    }
    return List.of(locale);
  }

  @Benchmark
  public RenderedMessage render() {
    NotificationRequest request = requests[next];
    next = (next + 1) % REQUESTS;
    return renderer.render(request);
  }
}
