package io.klaxon.cli.tenants;

import io.klaxon.events.TenantConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads and checks one tenant file ({@code .yaml}, {@code .yml} or {@code .json}; the extension
 * picks the syntax). Never throws for bad content or an unreadable file: everything comes back as
 * {@link Problem}s. Thread-safe.
 */
public final class TenantFileParser {
  private final LocatedTreeReader treeReader = new LocatedTreeReader();
  private final TenantConfigReader configReader = new TenantConfigReader();

  /** One file's outcome: the tenant when valid, all problems, and where tenantId was written. */
  public record FileResult(Path file, Optional<TenantConfig> tenant, List<Problem> problems, int idLine, int idColumn) {
    public boolean isValid() {
      return tenant.isPresent();
    }

    public long errorCount() {
      return problems.stream().filter(Problem::isError).count();
    }
  }

  public static boolean isTenantFileName(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  public FileResult parse(Path file) {
    String name = file.toString();
    boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    LocatedTreeReader.Result tree;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      tree = treeReader.read(name, reader, json);
    } catch (IOException e) {
      return new FileResult(file, Optional.empty(),
          List.of(new Problem(name, 0, 0, "", Problem.Level.ERROR, "cannot read file: " + e.getMessage())), 0, 0);
    }
    List<Problem> problems = new ArrayList<>(tree.problems());
    if (tree.root() == null) {
      return new FileResult(file, Optional.empty(), problems, 0, 0);
    }
    TenantConfigReader.Result read = configReader.read(name, tree.root());
    // A node the tree reader refused (an alias) reads as null: say so once, not again as a wrong type.
    java.util.Set<String> refused = new java.util.HashSet<>();
    tree.problems().forEach(p -> refused.add(p.line() + ":" + p.column()));
    read.problems().stream().filter(p -> !refused.contains(p.line() + ":" + p.column())).forEach(problems::add);
    int idLine = 0;
    int idColumn = 0;
    if (tree.root() instanceof Located.Mapping map && map.entries().get("tenantId") != null) {
      Located id = map.entries().get("tenantId").value();
      idLine = id.line();
      idColumn = id.column();
      String stem = file.getFileName().toString().replaceFirst("\\.[^.]+$", "");
      if (id instanceof Located.Scalar s && s.value() instanceof String text && !text.equals(stem)) {
        problems.add(new Problem(name, idLine, idColumn, "tenantId", Problem.Level.WARNING,
            "tenant id '" + text + "' differs from the file name '" + stem + "'"));
      }
    }
    problems.sort(java.util.Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
    boolean valid = read.tenant().isPresent() && problems.stream().noneMatch(Problem::isError);
    return new FileResult(file, valid ? read.tenant() : Optional.empty(), problems, idLine, idColumn);
  }
}
