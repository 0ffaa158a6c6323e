package io.klaxon.cli.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Any bytes as a tenant file, YAML or JSON, come back from {@link TenantFileParser} as a tenant or
 * as problems with positions inside the text: never an exception, never a hang. YAML bombs stay
 * small because aliases are refused, not expanded (the corpus holds a billion-laughs document and
 * deep nesting).
 */
class TenantFileParserFuzzTest {
  private static final Path DIR = temporaryDirectory();
  private final TenantFileParser parser = new TenantFileParser();

  private static Path temporaryDirectory() {
    try {
      Path dir = Files.createTempDirectory("tenant-file-fuzz");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest
  void anyYamlFileIsATenantOrProblems(byte[] content) throws IOException {
    parseAndCheck("fuzzed.yaml", content);
  }

  @FuzzTest
  void anyJsonFileIsATenantOrProblems(byte[] content) throws IOException {
    parseAndCheck("fuzzed.json", content);
  }

  @Test
  void deepNestingIsAProblemEvenOnAThreadWithLittleStack() throws Exception {
    Path file = DIR.resolve("deep.yaml");
    Files.writeString(file, "tenantId: acme\nlabels: " + "[".repeat(900) + "]".repeat(900) + "\n");
    AtomicReference<Object> outcome = new AtomicReference<>();
    // Jackson refuses nesting past 1,000 levels, but a thread with a small stack overflows before that.
    Thread small = new Thread(null, () -> {
      try {
        outcome.set(parser.parse(file));
      } catch (Throwable t) {
        outcome.set(t);
      }
    }, "small-stack", 256 * 1024);
    small.start();
    small.join();

    assertThat(outcome.get()).isInstanceOfSatisfying(TenantFileParser.FileResult.class, result ->
        assertThat(result.problems()).extracting(Problem::toString)
            .anySatisfy(problem -> assertThat(problem).startsWith(file + ":2:").contains("nested deeper than 64 levels")));
  }

  private void parseAndCheck(String fileName, byte[] content) throws IOException {
    Path file = DIR.resolve(fileName);
    Files.write(file, content);
    TenantFileParser.FileResult result = parser.parse(file);

    long lines = content.length == 0 ? 1 : new String(content, java.nio.charset.StandardCharsets.UTF_8).lines().count() + 1;
    assertThat(result.problems()).allSatisfy(problem -> {
      assertThat(problem.file()).isEqualTo(file.toString());
      assertThat(problem.line()).isBetween(0, (int) Math.min(Integer.MAX_VALUE, lines));
      assertThat(problem.column()).isNotNegative();
      assertThat(problem.message()).isNotBlank();
    });
    if (result.isValid()) {
      assertThat(result.errorCount()).isZero();
    } else {
      assertThat(result.errorCount()).as("an invalid file names at least one error").isPositive();
    }
  }
}
