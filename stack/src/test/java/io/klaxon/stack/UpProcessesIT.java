package io.klaxon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.launcher.PortPlan;
import io.klaxon.launcher.RunMode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code klaxon up --demo --processes} end to end on free ports: every part runs as its own
 * process (two Streams instances), the demo's alerts are routed and delivered, and the final table
 * shows each process's CPU and memory.
 */
class UpProcessesIT {

  @Test
  void withProcessesEveryPartRunsOnItsOwnAndTheTableShowsItsCpuAndMemory() throws Exception {
    Path work = UpIT.freshDirectory(Path.of("target/up-it-processes"));
    StackOptions options = new StackOptions(work.resolve("data"), UpIT.ROOT.resolve("examples/tenants"), PortPlan.free(), 0.05,
        RunMode.SEPARATE_PROCESS, 2, 1);
    ByteArrayOutputStream output = new ByteArrayOutputStream();

    int exit = new UpRun(options, true, 40, 3, Duration.ofSeconds(10), new PrintStream(output, true, StandardCharsets.UTF_8)).run();

    String text = output.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(text).isZero();
    assertThat(UpIT.count(text, "routed")).as("routed, summed over both Streams instances, in%n%s", text).isPositive();
    assertThat(UpIT.count(text, "webhook")).as("webhooks delivered in%n%s", text).isPositive();
    for (String part : new String[] {"broker", "registry", "stand-ins", "streams-1", "streams-2", "notifier-1"}) {
      Matcher row = Pattern.compile("\\n\\s+" + part + "\\s+(\\d+)\\s+([\\d.]+)\\s+(\\d+)\\s+(\\d+)").matcher(text);
      assertThat(row.find()).as("a process row for %s in%n%s", part, text).isTrue();
      assertThat(Long.parseLong(row.group(1))).as("%s pid", part).isNotEqualTo(ProcessHandle.current().pid());
      assertThat(Double.parseDouble(row.group(2))).as("%s CPU seconds", part).isPositive();
      assertThat(Long.parseLong(row.group(3))).as("%s RSS", part).isPositive();
    }
    assertThat(work.resolve("data/logs/notifier-1.log")).content().contains("The notifier part is running");
    assertThat(text).contains("all components healthy");
  }
}
