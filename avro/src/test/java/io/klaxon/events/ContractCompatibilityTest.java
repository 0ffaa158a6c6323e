package io.klaxon.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.klaxon.registry.CompatibilityChecker;
import io.klaxon.registry.CompatibilityLevel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps every contract compatible with its released versions (see released/README.md), and
 * proves the check catches the breaking changes it is there for.
 */
class ContractCompatibilityTest {
  private static final Path RELEASED = Path.of("released");
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Class<? extends SpecificRecord>> contracts() {
    return Stream.of(AlertEvent.class, TenantConfig.class, NotificationRequest.class, DeliveryReceipt.class,
        DeadLetter.class, FailedNotification.class);
  }

  @ParameterizedTest
  @MethodSource("contracts")
  void currentSchemaIsFullyCompatibleWithEveryReleasedVersion(Class<? extends SpecificRecord> contract) throws IOException {
    Schema current = schemaOf(contract);
    List<Schema> released = released(contract.getSimpleName());
    assertThat(released).as("released versions of %s", contract.getSimpleName()).isNotEmpty();
    assertThat(CompatibilityChecker.problems(CompatibilityLevel.FULL_TRANSITIVE, current, released)).isEmpty();
  }

  /** Every contract, released or not yet (the control topics' records have no released version yet). */
  static Stream<Class<? extends SpecificRecord>> allContracts() {
    return Stream.concat(contracts(), Stream.of(io.klaxon.control.Silence.class, io.klaxon.control.Acknowledgement.class, TenantChange.class));
  }

  @ParameterizedTest
  @MethodSource("allContracts")
  void everyFieldIsDocumented(Class<? extends SpecificRecord> contract) {
    List<String> undocumented = new ArrayList<>();
    collectUndocumented(schemaOf(contract), contract.getSimpleName(), undocumented, new ArrayList<>());
    assertThat(undocumented).isEmpty();
  }

  @Test
  void removingAFieldWithoutDefaultIsCaught() throws IOException {
    Schema released = released("AlertEvent").get(0);
    Schema withoutTitle = edit(released, fields -> removeField(fields, "title"));
    List<String> problems = CompatibilityChecker.problems(CompatibilityLevel.FULL_TRANSITIVE, withoutTitle, List.of(released));
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("FORWARD").contains("title"));
  }

  @Test
  void addingAFieldWithoutDefaultIsCaught() throws IOException {
    Schema released = released("AlertEvent").get(0);
    Schema withRequiredField = edit(released, fields -> fields.addObject().put("name", "region").put("type", "string"));
    List<String> problems = CompatibilityChecker.problems(CompatibilityLevel.FULL_TRANSITIVE, withRequiredField, List.of(released));
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("BACKWARD").contains("region"));
  }

  @Test
  void addingAnOptionalFieldWithDefaultIsAccepted() throws IOException {
    Schema released = released("AlertEvent").get(0);
    Schema withOptionalField = edit(released, fields -> {
      ObjectNode field = fields.addObject().put("name", "region").put("doc", "Region");
      field.putArray("type").add("null").add("string");
      field.putNull("default");
    });
    assertThat(CompatibilityChecker.problems(CompatibilityLevel.FULL_TRANSITIVE, withOptionalField, List.of(released))).isEmpty();
  }

  private interface FieldEdit {
    void apply(ArrayNode fields);
  }

  private static Schema edit(Schema schema, FieldEdit edit) throws IOException {
    ObjectNode json = (ObjectNode) JSON.readTree(schema.toString());
    edit.apply((ArrayNode) json.get("fields"));
    return new Schema.Parser().parse(json.toString());
  }

  private static void removeField(ArrayNode fields, String name) {
    for (int i = 0; i < fields.size(); i++) {
      if (name.equals(fields.get(i).path("name").asText())) {
        fields.remove(i);
        return;
      }
    }
    throw new AssertionError("no field " + name);
  }

  private static Schema schemaOf(Class<? extends SpecificRecord> contract) {
    return org.apache.avro.specific.SpecificData.get().getSchema(contract);
  }

  private static List<Schema> released(String name) throws IOException {
    try (Stream<Path> files = Files.list(RELEASED.resolve(name))) {
      List<Schema> schemas = new ArrayList<>();
      for (Path file : files.filter(f -> f.getFileName().toString().matches("v\\d+\\.avsc"))
          .sorted(Comparator.comparingInt(f -> Integer.parseInt(f.getFileName().toString().replaceAll("\\D", ""))))
          .toList()) {
        schemas.add(new Schema.Parser().parse(Files.readString(file)));
      }
      return schemas;
    }
  }

  private static void collectUndocumented(Schema schema, String path, List<String> into, List<String> seen) {
    switch (schema.getType()) {
      case RECORD -> {
        if (seen.contains(schema.getFullName())) {
          return;
        }
        seen.add(schema.getFullName());
        for (Schema.Field field : schema.getFields()) {
          if (field.doc() == null || field.doc().isBlank()) {
            into.add(path + "." + field.name());
          }
          collectUndocumented(field.schema(), path + "." + field.name(), into, seen);
        }
      }
      case UNION -> schema.getTypes().forEach(t -> collectUndocumented(t, path, into, seen));
      case ARRAY -> collectUndocumented(schema.getElementType(), path + "[]", into, seen);
      case MAP -> collectUndocumented(schema.getValueType(), path + "{}", into, seen);
      default -> { }
    }
  }
}
