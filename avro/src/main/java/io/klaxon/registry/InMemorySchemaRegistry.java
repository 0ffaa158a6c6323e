package io.klaxon.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A schema registry held in memory, with the same rules and error codes as the Confluent server:
 * ids shared by identical schemas across subjects, versions per subject, compatibility checked on
 * register (BACKWARD unless configured).
 *
 * <p>Two uses: scoped instances ({@link #scoped(String)}, like Confluent's {@code mock://} URLs)
 * for fast unit and topology tests, and the state of the embedded registry server, which passes a
 * {@link Journal} that makes every change durable before it is applied and {@link #replay}s the
 * journal at start.
 *
 * <p>Thread-safe: writes are serialized; reads see a consistent state.
 */
public final class InMemorySchemaRegistry implements SchemaRegistry {

  /** Where changes are made durable. {@link #append} must not return before they are. */
  @FunctionalInterface
  public interface Journal {
    /** Makes the change durable; throws to refuse it (nothing is applied then). */
    void append(Change change);

    /** A journal that keeps nothing. */
    Journal NONE = change -> {};
  }

  /** A change to the registry's state, as written to the journal. */
  public sealed interface Change permits SchemaRegistered, CompatibilitySet {}

  /** A new version under a subject. */
  public record SchemaRegistered(String subject, int version, int id, String schema) implements Change {}

  /** A compatibility level set for a subject, or globally when {@code subject} is null. */
  public record CompatibilitySet(String subject, CompatibilityLevel level) implements Change {}

  private static final Map<String, InMemorySchemaRegistry> SCOPES = new ConcurrentHashMap<>();

  private final Journal journal;
  private final Map<Integer, Schema> schemasById = new HashMap<>();
  private final Map<String, Integer> idsByCanonical = new HashMap<>();
  private final Map<String, List<RegisteredSchema>> subjects = new TreeMap<>();
  private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
  private CompatibilityLevel globalLevel = CompatibilityLevel.DEFAULT;
  private int nextId = 1;

  /** A registry that keeps nothing beyond this object. */
  public InMemorySchemaRegistry() {
    this(Journal.NONE);
  }

  /** A registry whose changes go through {@code journal} before they are applied. */
  public InMemorySchemaRegistry(Journal journal) {
    this.journal = Objects.requireNonNull(journal, "journal");
  }

  /**
   * The registry of a named scope, created on first use and shared by everything in the JVM that
   * names the same scope (serdes configured with {@code mock://<scope>}).
   */
  public static InMemorySchemaRegistry scoped(String scope) {
    return SCOPES.computeIfAbsent(scope, s -> new InMemorySchemaRegistry());
  }

  /** Forgets a scope, so the next {@link #scoped} call starts empty. */
  public static void dropScope(String scope) {
    SCOPES.remove(scope);
  }

  /** Applies a change read back from the journal, without journaling it again. */
  public synchronized void replay(Change change) {
    apply(change);
  }

  @Override
  public synchronized int register(String subject, Schema schema) {
    requireSubject(subject);
    String canonical = schema.toString();
    List<RegisteredSchema> versions = subjects.getOrDefault(subject, List.of());
    for (RegisteredSchema existing : versions) {
      if (existing.schema().toString().equals(canonical)) {
        return existing.id();
      }
    }
    List<String> problems = CompatibilityChecker.problems(
        compatibility(subject), schema, versions.stream().map(RegisteredSchema::schema).toList());
    if (!problems.isEmpty()) {
      throw new SchemaRegistryException(409, SchemaRegistryException.INCOMPATIBLE_SCHEMA,
          "Schema being registered is incompatible with an earlier schema for subject '" + subject
              + "' (" + compatibility(subject) + "): " + String.join("; ", problems));
    }
    Integer id = idsByCanonical.get(canonical);
    int newVersion = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
    Change change = new SchemaRegistered(subject, newVersion, id != null ? id : nextId, canonical);
    journal.append(change);
    apply(change);
    return ((SchemaRegistered) change).id();
  }

  @Override
  public synchronized RegisteredSchema lookup(String subject, Schema schema) {
    List<RegisteredSchema> versions = subjects.get(subject);
    if (versions == null) {
      throw SchemaRegistryException.subjectNotFound(subject);
    }
    String canonical = schema.toString();
    return versions.stream()
        .filter(v -> v.schema().toString().equals(canonical))
        .findFirst()
        .orElseThrow(() -> SchemaRegistryException.schemaNotFoundUnder(subject));
  }

  @Override
  public synchronized Schema schemaById(int id) {
    Schema schema = schemasById.get(id);
    if (schema == null) {
      throw SchemaRegistryException.schemaNotFound(id);
    }
    return schema;
  }

  @Override
  public synchronized RegisteredSchema latest(String subject) {
    List<RegisteredSchema> versions = subjects.get(subject);
    if (versions == null || versions.isEmpty()) {
      throw SchemaRegistryException.subjectNotFound(subject);
    }
    return versions.get(versions.size() - 1);
  }

  @Override
  public synchronized RegisteredSchema version(String subject, int version) {
    List<RegisteredSchema> versions = subjects.get(subject);
    if (versions == null) {
      throw SchemaRegistryException.subjectNotFound(subject);
    }
    return versions.stream()
        .filter(v -> v.version() == version)
        .findFirst()
        .orElseThrow(() -> SchemaRegistryException.versionNotFound(subject, version));
  }

  @Override
  public synchronized List<String> subjects() {
    return List.copyOf(subjects.keySet());
  }

  @Override
  public synchronized List<Integer> versions(String subject) {
    List<RegisteredSchema> versions = subjects.get(subject);
    if (versions == null) {
      throw SchemaRegistryException.subjectNotFound(subject);
    }
    return versions.stream().map(RegisteredSchema::version).toList();
  }

  @Override
  public synchronized boolean isCompatible(String subject, Schema schema) {
    List<RegisteredSchema> versions = subjects.getOrDefault(subject, List.of());
    return CompatibilityChecker.problems(
            compatibility(subject), schema, versions.stream().map(RegisteredSchema::schema).toList())
        .isEmpty();
  }

  /** Like {@link #isCompatible} but says why not; empty when compatible. */
  public synchronized List<String> compatibilityProblems(String subject, Schema schema) {
    List<RegisteredSchema> versions = subjects.getOrDefault(subject, List.of());
    return CompatibilityChecker.problems(
        compatibility(subject), schema, versions.stream().map(RegisteredSchema::schema).toList());
  }

  @Override
  public synchronized CompatibilityLevel compatibility(String subject) {
    return subject == null ? globalLevel : subjectLevels.getOrDefault(subject, globalLevel);
  }

  /** The level set on {@code subject} itself, or null when it inherits the global level. */
  public synchronized CompatibilityLevel ownCompatibility(String subject) {
    return subjectLevels.get(subject);
  }

  @Override
  public synchronized void setCompatibility(String subject, CompatibilityLevel level) {
    Change change = new CompatibilitySet(subject, Objects.requireNonNull(level, "level"));
    journal.append(change);
    apply(change);
  }

  private void apply(Change change) {
    switch (change) {
      case SchemaRegistered r -> {
        Schema schema = parse(r.schema());
        schemasById.putIfAbsent(r.id(), schema);
        idsByCanonical.putIfAbsent(r.schema(), r.id());
        List<RegisteredSchema> versions = subjects.computeIfAbsent(r.subject(), s -> new ArrayList<>());
        if (versions.stream().noneMatch(v -> v.version() == r.version())) {
          versions.add(new RegisteredSchema(r.subject(), r.id(), r.version(), schema));
        }
        nextId = Math.max(nextId, r.id() + 1);
      }
      case CompatibilitySet c -> {
        if (c.subject() == null) {
          globalLevel = c.level();
        } else {
          subjectLevels.put(c.subject(), c.level());
        }
      }
    }
  }

  /**
   * Parses schema text as the registry does on register.
   *
   * @throws SchemaRegistryException 422 (42201) naming the parse error
   */
  public static Schema parse(String schemaText) {
    try {
      return new Schema.Parser().parse(schemaText);
    } catch (SchemaParseException | NullPointerException e) {
      throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_SCHEMA,
          "Invalid schema: " + e.getMessage(), e);
    }
  }

  private static void requireSubject(String subject) {
    if (subject == null || subject.isBlank()) {
      throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_SCHEMA, "Subject must not be empty");
    }
  }
}
