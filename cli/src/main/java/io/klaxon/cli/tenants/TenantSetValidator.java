package io.klaxon.cli.tenants;

import io.klaxon.events.TenantConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checks a set of tenant files given as files and directories (a directory contributes its {@code
 * .yaml}, {@code .yml} and {@code .json} files, not recursing, in name order). Besides each file's
 * own problems it reports a tenant id defined by more than one file; both files are then invalid.
 * Thread-safe.
 */
public final class TenantSetValidator {
  private final TenantFileParser parser = new TenantFileParser();

  /** The outcome for all inputs, in input order. */
  public record Report(List<TenantFileParser.FileResult> files, List<Problem> inputProblems) {
    public boolean allValid() {
      return inputProblems.isEmpty() && files.stream().allMatch(TenantFileParser.FileResult::isValid);
    }

    public long validCount() {
      return files.stream().filter(TenantFileParser.FileResult::isValid).count();
    }

    public long errorCount() {
      return inputProblems.size() + files.stream().mapToLong(TenantFileParser.FileResult::errorCount).sum();
    }

    public long warningCount() {
      return files.stream().flatMap(f -> f.problems().stream()).filter(p -> !p.isError()).count();
    }

    public List<Problem> problems() {
      List<Problem> all = new ArrayList<>(inputProblems);
      files.forEach(f -> all.addAll(f.problems()));
      return all;
    }

    public List<TenantConfig> tenants() {
      return files.stream().flatMap(f -> f.tenant().stream()).toList();
    }

    public String summary() {
      return files.size() + (files.size() == 1 ? " file, " : " files, ") + validCount() + " valid, " + errorCount()
          + (errorCount() == 1 ? " error" : " errors") + (warningCount() > 0 ? ", " + warningCount()
          + (warningCount() == 1 ? " warning" : " warnings") : "");
    }
  }

  public Report validate(List<Path> inputs) {
    List<Problem> inputProblems = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    for (Path input : inputs) {
      if (Files.isDirectory(input)) {
        try (Stream<Path> listing = Files.list(input)) {
          List<Path> found = listing.filter(Files::isRegularFile).filter(TenantFileParser::isTenantFileName).sorted().toList();
          if (found.isEmpty()) {
            inputProblems.add(new Problem(input.toString(), 0, 0, "", Problem.Level.ERROR, "directory has no .yaml, .yml or .json files"));
          }
          files.addAll(found);
        } catch (IOException e) {
          inputProblems.add(new Problem(input.toString(), 0, 0, "", Problem.Level.ERROR, "cannot list directory: " + e.getMessage()));
        }
      } else if (Files.isRegularFile(input)) {
        files.add(input);
      } else {
        inputProblems.add(new Problem(input.toString(), 0, 0, "", Problem.Level.ERROR, "no such file or directory"));
      }
    }
    List<TenantFileParser.FileResult> results = new ArrayList<>(files.stream().distinct().map(parser::parse).toList());
    markDuplicateIds(results);
    return new Report(results, inputProblems);
  }

  private static void markDuplicateIds(List<TenantFileParser.FileResult> results) {
    Map<String, Integer> firstById = new HashMap<>();
    for (int i = 0; i < results.size(); i++) {
      TenantFileParser.FileResult result = results.get(i);
      Optional<String> id = result.tenant().map(TenantConfig::getTenantId);
      if (id.isEmpty()) {
        continue;
      }
      Integer first = firstById.putIfAbsent(id.get(), i);
      if (first != null) {
        TenantFileParser.FileResult original = results.get(first);
        results.set(first, withDuplicate(original, id.get(), result.file()));
        results.set(i, withDuplicate(result, id.get(), original.file()));
      }
    }
  }

  private static TenantFileParser.FileResult withDuplicate(TenantFileParser.FileResult result, String id, Path other) {
    List<Problem> problems = new ArrayList<>(result.problems());
    problems.add(new Problem(result.file().toString(), result.idLine(), result.idColumn(), "tenantId", Problem.Level.ERROR,
        "duplicate tenant id '" + id + "' (also defined in " + other + ")"));
    return new TenantFileParser.FileResult(result.file(), Optional.empty(), problems, result.idLine(), result.idColumn());
  }
}
