package io.klaxon.topologydocs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyDescription.GlobalStore;
import org.apache.kafka.streams.TopologyDescription.Node;
import org.apache.kafka.streams.TopologyDescription.Processor;
import org.apache.kafka.streams.TopologyDescription.Sink;
import org.apache.kafka.streams.TopologyDescription.Source;
import org.apache.kafka.streams.TopologyDescription.Subtopology;

/**
 * Renders a {@link TopologyDescription} as a Markdown page, a Mermaid flowchart and a Graphviz
 * graph. Output is deterministic (sorted), so a committed copy can be compared with a freshly
 * generated one. Stateless and thread-safe.
 */
public final class TopologyDocs {
  private TopologyDocs() {}

  /** The Markdown page: topics, stores, each sub-topology's nodes, the Mermaid diagram and the raw description. */
  public static String markdown(String title, TopologyDescription description, String regenerateCommand) {
    StringBuilder md = new StringBuilder();
    md.append("# ").append(title).append("\n\n");
    md.append("Generated from `Topology#describe()`; do not edit by hand. Regenerate with `")
        .append(regenerateCommand).append("`. A test fails when this page and the code disagree.\n\n");

    Map<String, Set<String>> readers = new TreeMap<>();
    Map<String, Set<String>> writers = new TreeMap<>();
    Map<String, Set<String>> storeUsers = new TreeMap<>();
    forEachNode(description, node -> {
      if (node instanceof Source source) {
        for (String topic : topics(source)) {
          readers.computeIfAbsent(topic, t -> new TreeSet<>()).add(node.name());
        }
      } else if (node instanceof Sink sink) {
        writers.computeIfAbsent(sinkTopic(sink), t -> new TreeSet<>()).add(node.name());
      } else if (node instanceof Processor processor) {
        for (String store : processor.stores()) {
          storeUsers.computeIfAbsent(store, s -> new TreeSet<>()).add(node.name());
        }
      }
    });

    md.append("## Topics\n\n| topic | read by | written by |\n|---|---|---|\n");
    Set<String> topics = new TreeSet<>(readers.keySet());
    topics.addAll(writers.keySet());
    for (String topic : topics) {
      md.append("| `").append(topic).append("` | ").append(codeList(readers.get(topic)))
          .append(" | ").append(codeList(writers.get(topic))).append(" |\n");
    }

    md.append("\n## State stores\n\n| store | used by |\n|---|---|\n");
    storeUsers.forEach((store, users) ->
        md.append("| `").append(store).append("` | ").append(codeList(users)).append(" |\n"));

    for (Subtopology subtopology : sortedSubtopologies(description)) {
      md.append("\n## Sub-topology ").append(subtopology.id()).append("\n\n");
      md.append("| node | kind | details | next |\n|---|---|---|---|\n");
      for (Node node : flowOrder(subtopology.nodes())) {
        md.append("| `").append(node.name()).append("` | ").append(kind(node)).append(" | ")
            .append(details(node)).append(" | ").append(codeList(names(node.successors()))).append(" |\n");
      }
    }
    for (GlobalStore global : sortedGlobalStores(description)) {
      md.append("\n## Global store (sub-topology ").append(global.id()).append(")\n\n");
      md.append("| node | kind | details |\n|---|---|---|\n");
      md.append("| `").append(global.source().name()).append("` | source | ").append(details(global.source())).append(" |\n");
      md.append("| `").append(global.processor().name()).append("` | processor | ").append(details(global.processor())).append(" |\n");
    }

    md.append("\n## Diagram\n\n```mermaid\n").append(mermaid(description)).append("```\n");
    md.append("\n## Raw description\n\n```text\n").append(description.toString().strip()).append("\n```\n");
    return md.toString();
  }

  /** A Mermaid flowchart: topics as stadiums, processors as boxes, stores as cylinders. */
  public static String mermaid(TopologyDescription description) {
    StringBuilder out = new StringBuilder("flowchart TD\n");
    Set<String> topicsSeen = new TreeSet<>();
    Set<String> storesSeen = new TreeSet<>();
    List<String> edges = new ArrayList<>();
    for (Subtopology subtopology : sortedSubtopologies(description)) {
      out.append("  subgraph sub").append(subtopology.id()).append("[\"Sub-topology ").append(subtopology.id()).append("\"]\n");
      for (Node node : flowOrder(subtopology.nodes())) {
        out.append("    ").append(id("n", node.name())).append("[\"").append(node.name()).append("\"]\n");
        nodeEdges(node, topicsSeen, storesSeen, edges);
      }
      out.append("  end\n");
    }
    for (GlobalStore global : sortedGlobalStores(description)) {
      out.append("  subgraph sub").append(global.id()).append("[\"Global store ").append(global.id()).append("\"]\n");
      for (Node node : List.of(global.source(), global.processor())) {
        out.append("    ").append(id("n", node.name())).append("[\"").append(node.name()).append("\"]\n");
        nodeEdges(node, topicsSeen, storesSeen, edges);
      }
      out.append("  end\n");
    }
    for (String topic : topicsSeen) {
      out.append("  ").append(id("t", topic)).append("([\"").append(topic).append("\"])\n");
    }
    for (String store : storesSeen) {
      out.append("  ").append(id("s", store)).append("[(\"").append(store).append("\")]\n");
    }
    edges.stream().distinct().forEach(edge -> out.append("  ").append(edge).append("\n"));
    return out.toString();
  }

  /** A Graphviz digraph of the same graph, for {@code dot -Tsvg}. */
  public static String graphviz(TopologyDescription description) {
    StringBuilder out = new StringBuilder("digraph topology {\n  rankdir=TB;\n  node [fontname=\"Helvetica\", fontsize=10];\n");
    Set<String> topicsSeen = new TreeSet<>();
    Set<String> storesSeen = new TreeSet<>();
    List<String> edges = new ArrayList<>();
    List<Node> nodes = new ArrayList<>();
    for (Subtopology subtopology : sortedSubtopologies(description)) {
      out.append("  subgraph cluster_").append(subtopology.id()).append(" {\n    label=\"Sub-topology ")
          .append(subtopology.id()).append("\";\n");
      for (Node node : flowOrder(subtopology.nodes())) {
        out.append("    \"").append(node.name()).append("\" [shape=box];\n");
        nodes.add(node);
      }
      out.append("  }\n");
    }
    for (GlobalStore global : sortedGlobalStores(description)) {
      out.append("  subgraph cluster_global_").append(global.id()).append(" {\n    label=\"Global store ")
          .append(global.id()).append("\";\n");
      for (Node node : List.of(global.source(), global.processor())) {
        out.append("    \"").append(node.name()).append("\" [shape=box];\n");
        nodes.add(node);
      }
      out.append("  }\n");
    }
    for (Node node : nodes) {
      if (node instanceof Source source) {
        for (String topic : topics(source)) {
          topicsSeen.add(topic);
          edges.add("\"topic:" + topic + "\" -> \"" + node.name() + "\"");
        }
      } else if (node instanceof Sink sink) {
        topicsSeen.add(sinkTopic(sink));
        edges.add("\"" + node.name() + "\" -> \"topic:" + sinkTopic(sink) + "\"");
      } else if (node instanceof Processor processor) {
        for (String store : new TreeSet<>(processor.stores())) {
          storesSeen.add(store);
          edges.add("\"" + node.name() + "\" -> \"store:" + store + "\" [dir=both, style=dashed]");
        }
      }
      for (String next : names(node.successors())) {
        edges.add("\"" + node.name() + "\" -> \"" + next + "\"");
      }
    }
    for (String topic : topicsSeen) {
      out.append("  \"topic:").append(topic).append("\" [label=\"").append(topic)
          .append("\", shape=cds, style=filled, fillcolor=\"#e8f0fe\"];\n");
    }
    for (String store : storesSeen) {
      out.append("  \"store:").append(store).append("\" [label=\"").append(store)
          .append("\", shape=cylinder, style=filled, fillcolor=\"#fef7e0\"];\n");
    }
    edges.stream().distinct().forEach(edge -> out.append("  ").append(edge).append(";\n"));
    return out.append("}\n").toString();
  }

  private static void nodeEdges(Node node, Set<String> topicsSeen, Set<String> storesSeen, List<String> edges) {
    if (node instanceof Source source) {
      for (String topic : topics(source)) {
        topicsSeen.add(topic);
        edges.add(id("t", topic) + " --> " + id("n", node.name()));
      }
    } else if (node instanceof Sink sink) {
      topicsSeen.add(sinkTopic(sink));
      edges.add(id("n", node.name()) + " --> " + id("t", sinkTopic(sink)));
    } else if (node instanceof Processor processor) {
      for (String store : new TreeSet<>(processor.stores())) {
        storesSeen.add(store);
        edges.add(id("n", node.name()) + " -.- " + id("s", store));
      }
    }
    for (String next : names(node.successors())) {
      edges.add(id("n", node.name()) + " --> " + id("n", next));
    }
  }

  private static void forEachNode(TopologyDescription description, java.util.function.Consumer<Node> action) {
    for (Subtopology subtopology : description.subtopologies()) {
      subtopology.nodes().forEach(action);
    }
    for (GlobalStore global : description.globalStores()) {
      action.accept(global.source());
      action.accept(global.processor());
    }
  }

  /** Sources first, then each node after all its predecessors; ties broken by name. */
  static List<Node> flowOrder(Set<Node> nodes) {
    Map<String, Node> byName = new TreeMap<>();
    nodes.forEach(n -> byName.put(n.name(), n));
    Map<String, Integer> pending = new HashMap<>();
    for (Node node : byName.values()) {
      pending.put(node.name(), (int) node.predecessors().stream().filter(p -> byName.containsKey(p.name())).count());
    }
    Deque<String> ready = new ArrayDeque<>();
    byName.keySet().stream().filter(n -> pending.get(n) == 0).forEach(ready::add);
    List<Node> ordered = new ArrayList<>();
    Set<String> done = new LinkedHashSet<>();
    while (!ready.isEmpty()) {
      String name = ready.poll();
      if (!done.add(name)) {
        continue;
      }
      Node node = byName.get(name);
      ordered.add(node);
      for (String next : names(node.successors())) {
        if (byName.containsKey(next) && pending.merge(next, -1, Integer::sum) == 0) {
          ready.add(next);
        }
      }
    }
    byName.values().stream().filter(n -> !done.contains(n.name())).forEach(ordered::add);
    return ordered;
  }

  private static List<Subtopology> sortedSubtopologies(TopologyDescription description) {
    return description.subtopologies().stream().sorted(Comparator.comparingInt(Subtopology::id)).toList();
  }

  private static List<GlobalStore> sortedGlobalStores(TopologyDescription description) {
    return description.globalStores().stream().sorted(Comparator.comparingInt(GlobalStore::id)).toList();
  }

  private static Set<String> topics(Source source) {
    if (source.topicSet() != null) {
      return new TreeSet<>(source.topicSet());
    }
    return Set.of("/" + source.topicPattern() + "/");
  }

  private static String sinkTopic(Sink sink) {
    return sink.topic() != null ? sink.topic() : "(dynamic: " + sink.topicNameExtractor().getClass().getSimpleName() + ")";
  }

  private static String kind(Node node) {
    return node instanceof Source ? "source" : node instanceof Sink ? "sink" : "processor";
  }

  private static String details(Node node) {
    if (node instanceof Source source) {
      return "reads " + codeList(topics(source));
    }
    if (node instanceof Sink sink) {
      return "writes `" + sinkTopic(sink) + "`";
    }
    if (node instanceof Processor processor && !processor.stores().isEmpty()) {
      return "stores " + codeList(new TreeSet<>(processor.stores()));
    }
    return "";
  }

  private static Set<String> names(Set<Node> nodes) {
    Set<String> names = new TreeSet<>();
    nodes.forEach(n -> names.add(n.name()));
    return names;
  }

  private static String codeList(Set<String> values) {
    if (values == null || values.isEmpty()) {
      return "";
    }
    return String.join(", ", values.stream().map(v -> "`" + v + "`").toList());
  }

  private static String id(String prefix, String name) {
    return prefix + "_" + name.replaceAll("[^A-Za-z0-9_]", "_");
  }
}
