package io.klaxon.notifier.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/** The sample tenants of examples/tenants, as tests of the notifier need them (the notifier reads no tenant files itself). */
public final class ExampleTenants {
  private static final Path DIR = Path.of("..", "examples", "tenants");

  private ExampleTenants() {}

  /** The inline {@code messageBundles} of example tenant {@code tenantId}: tag → key → pattern. */
  public static Map<String, Map<String, String>> messageBundles(String tenantId) {
    try {
      Map<String, Object> tenant = new ObjectMapper(new YAMLFactory())
          .readValue(DIR.resolve(tenantId + ".yaml").toFile(), new TypeReference<Map<String, Object>>() {});
      return new ObjectMapper().convertValue(tenant.get("messageBundles"),
          new TypeReference<Map<String, Map<String, String>>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
