package io.klaxon.cli.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
