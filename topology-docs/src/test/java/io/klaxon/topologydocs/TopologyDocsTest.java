package io.klaxon.topologydocs;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class TopologyDocsTest {

  private static TopologyDescription sample() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore("counts-store"), Serdes.String(), Serdes.Long()));
    builder.stream("in-topic", Consumed.with(Serdes.String(), Serdes.String()).withName("read-in"))
        .process(() -> new Processor<String, String, String, String>() {
          @Override
          public void process(Record<String, String> record) {}
        }, Named.as("count"), "counts-store")
        .to("out-topic", Produced.with(Serdes.String(), Serdes.String()).withName("write-out"));
    return builder.build().describe();
  }

  @Test
  void markdownListsEveryTopicStoreAndNodeInFlowOrder() {
    String md = TopologyDocs.markdown("Sample", sample(), "regen");
    assertThat(md).contains("| `in-topic` | `read-in` |  |")
        .contains("| `out-topic` |  | `write-out` |")
        .contains("| `counts-store` | `count` |")
        .contains("```mermaid");
    assertThat(md.indexOf("| `read-in` | source")).isLessThan(md.indexOf("| `count` | processor"));
    assertThat(md.indexOf("| `count` | processor")).isLessThan(md.indexOf("| `write-out` | sink"));
  }

  @Test
  void mermaidHasTopicsStoresAndEdges() {
    String mermaid = TopologyDocs.mermaid(sample());
    assertThat(mermaid).startsWith("flowchart TD")
        .contains("t_in_topic([\"in-topic\"])")
        .contains("s_counts_store[(\"counts-store\")]")
        .contains("t_in_topic --> n_read_in")
        .contains("n_read_in --> n_count")
        .contains("n_count -.- s_counts_store")
        .contains("n_write_out --> t_out_topic");
  }

  @Test
  void graphvizIsADigraphWithClusters() {
    String dot = TopologyDocs.graphviz(sample());
    assertThat(dot).startsWith("digraph topology {").endsWith("}\n")
        .contains("subgraph cluster_0")
        .contains("\"topic:in-topic\" -> \"read-in\";")
        .contains("\"count\" -> \"store:counts-store\" [dir=both, style=dashed];");
  }

  @Test
  void outputIsDeterministic() {
    assertThat(TopologyDocs.markdown("Sample", sample(), "regen")).isEqualTo(TopologyDocs.markdown("Sample", sample(), "regen"));
    assertThat(TopologyDocs.graphviz(sample())).isEqualTo(TopologyDocs.graphviz(sample()));
  }
}
