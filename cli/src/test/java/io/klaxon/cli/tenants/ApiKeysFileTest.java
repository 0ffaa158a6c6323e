package io.klaxon.cli.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.contract.ApiKeys;
import io.klaxon.events.ApiKey;
import io.klaxon.events.TenantConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The apiKeys section of a tenant file. */
class ApiKeysFileTest {
  private static final String HASH_A = ApiKeys.hash("klx_a");
  private static final String HASH_B = ApiKeys.hash("klx_b");

  @TempDir
  Path dir;

  private TenantFileParser.FileResult parse(String apiKeys) throws IOException {
    Path file = dir.resolve("acme.yaml");
    Files.writeString(file, "tenantId: acme\ntier: STANDARD\n" + apiKeys);
    return new TenantFileParser().parse(file);
  }

  private List<String> errors(String apiKeys) throws IOException {
    return parse(apiKeys).problems().stream().filter(Problem::isError)
        .map(p -> p.line() + ":" + p.fieldPath() + ": " + p.message()).toList();
  }

  @Test
  void readsKeysWithExpiryAndRevocation() throws IOException {
    TenantFileParser.FileResult result = parse("""
        apiKeys:
          - id: prometheus-2026
            hash: %s
          - id: old
            hash: %s
            expiresAt: 2027-06-30
            revoked: true
        """.formatted(HASH_A, HASH_B));

    assertThat(result.problems()).isEmpty();
    TenantConfig tenant = result.tenant().orElseThrow();
    assertThat(tenant.getApiKeys()).extracting(ApiKey::getId, ApiKey::getHash, ApiKey::getExpiresAt, ApiKey::getRevoked)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("prometheus-2026", HASH_A, null, false),
            org.assertj.core.groups.Tuple.tuple("old", HASH_B, Instant.parse("2027-06-30T00:00:00Z"), true));
  }

  @Test
  void aFileWithoutKeysHasNone() throws IOException {
    assertThat(parse("").tenant().orElseThrow().getApiKeys()).isEmpty();
  }

  @Test
  void namesEveryBadEntryByLineAndPath() throws IOException {
    List<String> errors = errors("""
        apiKeys:
          - id: "bad id"
            hash: sha256:abc
          - id: dup
            hash: %s
            expiresAt: next week
          - id: dup
            hash: %s
            revoked: "yes"
          - hash: %s
            colour: red
        """.formatted(HASH_A, HASH_A, HASH_B));

    assertThat(errors).containsExactlyInAnyOrder(
        "4:apiKeys[0].id: 'bad id' is not a valid key id (letters, digits, _ . -; at most 64)",
        "5:apiKeys[0].hash: expected sha256: and 64 lower-case hex digits, as 'klaxon tenants key new' prints",
        "8:apiKeys[1].expiresAt: 'next week' is not a date (2027-06-30) or an ISO-8601 instant (2027-06-30T00:00:00Z)",
        "9:apiKeys[2].id: duplicate key id 'dup' (first defined at apiKeys[1])",
        "10:apiKeys[2].hash: the same hash as apiKeys[1]",
        "11:apiKeys[2].revoked: expected true or false, found a string",
        "12:apiKeys[3].id: required field is missing",
        "13:apiKeys[3].colour: unknown field");
  }

  @Test
  void aKeyPastedWhereItsHashBelongsIsRefusedWithoutBeingRepeated() throws IOException {
    String key = ApiKeys.newKey(new java.security.SecureRandom());

    List<String> errors = errors("apiKeys:\n  - id: ci\n    hash: " + key + "\n");

    assertThat(errors).singleElement().asString().contains("apiKeys[0].hash").contains("not its hash").doesNotContain(key);
  }
}
