package io.klaxon.topologydocs;

import io.klaxon.registry.InMemorySchemaRegistry;
import io.klaxon.streams.KlaxonTopology;
import io.klaxon.streams.PipelineListener;
import io.klaxon.streams.TopologyConfig;
import io.klaxon.topics.KlaxonTopics;
import io.klaxon.topics.TopicNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.TopologyDescription;

/**
 * Writes the committed topology docs: {@code TOPOLOGY.md}, {@code topology.mmd} and {@code
 * topology.dot}, plus {@code topology.svg} when Graphviz's {@code dot} is installed.
 *
 * <p>Usage: {@code GenerateTopologyDocs [output-dir]} (default: the current directory).
 */
public final class GenerateTopologyDocs {
  static final String COMMAND = "./klaxon docs";

  private GenerateTopologyDocs() {}

  /** The description of the topology as it runs with its default configuration. */
  public static TopologyDescription describe() {
    return KlaxonTopology.build(TopologyConfig.defaults(),
        KlaxonTopics.of(TopicNames.DEFAULTS, new InMemorySchemaRegistry()), PipelineListener.NONE).describe();
  }

  /** The text files, by name. */
  public static Map<String, String> render() {
    TopologyDescription description = describe();
    Map<String, String> files = new LinkedHashMap<>();
    files.put("TOPOLOGY.md", TopologyDocs.markdown("Klaxon Streams topology", description, COMMAND));
    files.put("topology.mmd", TopologyDocs.mermaid(description));
    files.put("topology.dot", TopologyDocs.graphviz(description));
    return files;
  }

  public static void main(String[] args) throws IOException, InterruptedException {
    Path out = Path.of(args.length > 0 ? args[0] : ".");
    Files.createDirectories(out);
    for (Map.Entry<String, String> file : render().entrySet()) {
      Files.writeString(out.resolve(file.getKey()), file.getValue());
      System.out.println("wrote " + out.resolve(file.getKey()));
    }
    try {
      Process dot = new ProcessBuilder("dot", "-Tsvg", "-o", out.resolve("topology.svg").toString(),
          out.resolve("topology.dot").toString()).inheritIO().start();
      if (dot.waitFor(60, TimeUnit.SECONDS) && dot.exitValue() == 0) {
        System.out.println("wrote " + out.resolve("topology.svg"));
      } else {
        System.err.println("dot failed; topology.svg not updated");
      }
    } catch (IOException noGraphviz) {
      System.err.println("Graphviz 'dot' not installed ('apt-get install graphviz'); topology.svg not updated");
    }
  }
}
