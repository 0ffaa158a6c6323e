package io.klaxon.streams.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilterReply;
import org.junit.jupiter.api.Test;

class KafkaMeterNamesTest {
  private static Meter.Id id(String name, String description) {
    return new Meter.Id(name, Tags.of("client.id", "c1"), null, description, Meter.Type.GAUGE);
  }

  @Test
  void connectionCountBecomesConnections() {
    assertThat(KafkaMeterNames.rename("kafka.consumer.connection.count")).isEqualTo("kafka.consumer.connections");
    assertThat(KafkaMeterNames.rename(KafkaMeterNames.rename("kafka.consumer.connection.count")))
        .isEqualTo("kafka.consumer.connections");
    assertThat(KafkaMeterNames.rename("kafka.consumer.fetch.manager.records.lag.max"))
        .isEqualTo("kafka.consumer.fetch.manager.records.lag.max");
  }

  @Test
  void kafkaMetersInNanosecondsOrMillisecondsAreNotExported() {
    assertThat(KafkaMeterNames.INSTANCE.accept(id("kafka.producer.txn.commit.time.ns.total", "x"))).isEqualTo(MeterFilterReply.DENY);
    assertThat(KafkaMeterNames.INSTANCE.accept(id("kafka.app.info.start.time.ms", "x"))).isEqualTo(MeterFilterReply.DENY);
    assertThat(KafkaMeterNames.INSTANCE.accept(id("kafka.consumer.io.wait.ratio", "x"))).isEqualTo(MeterFilterReply.NEUTRAL);
    assertThat(KafkaMeterNames.INSTANCE.accept(id("klaxon.streams.ms", "x"))).isEqualTo(MeterFilterReply.NEUTRAL);
  }

  @Test
  void kafkaMetersGetADescriptionWhenTheyHaveNoneAndKeepTheirTags() {
    Meter.Id mapped = KafkaMeterNames.INSTANCE.map(id("kafka.producer.node.request.latency.avg", null));
    assertThat(mapped.getName()).isEqualTo("kafka.producer.node.request.latency.avg");
    assertThat(mapped.getDescription()).isEqualTo("Kafka metric producer node request latency avg");
    assertThat(mapped.getTag("client.id")).isEqualTo("c1");
    assertThat(mapped.getType()).isEqualTo(Meter.Type.GAUGE);
  }

  @Test
  void otherMetersPassUnchanged() {
    Meter.Id own = id("klaxon.streams.running", null);
    assertThat(KafkaMeterNames.INSTANCE.map(own)).isSameAs(own);
    Meter.Id described = id("kafka.stream.thread.poll.rate", "polls per second");
    assertThat(KafkaMeterNames.INSTANCE.map(described)).isSameAs(described);
  }
}
