package io.klaxon.embedded.junit;

import io.klaxon.embedded.EmbeddedKafkaBroker;
import io.klaxon.embedded.EmbeddedSchemaRegistry;
import io.klaxon.embedded.TopicSpec;
import io.klaxon.registry.HttpSchemaRegistryClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real KRaft broker, and unless asked otherwise the schema registry on it, for the integration
 * tests of one class: started before the first test, stopped after the last. The broker keeps its
 * data in a fresh directory under {@code target/embedded-kafka/}, deleted when it stops; both
 * listen on 127.0.0.1 only, on free ports.
 *
 * <p>Register it on a static field, so that it spans the class:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final BrokerAndRegistryExtension KAFKA = BrokerAndRegistryExtension.withRegistry();
 * }</pre>
 *
 * Tests of one class share the broker, so each test creates its own topics and consumer groups
 * with {@link #unique(String)} names. Not meant for tests of the broker's own lifecycle (restarts,
 * data directories): those start their own {@link EmbeddedKafkaBroker}.
 */
public final class BrokerAndRegistryExtension implements BeforeAllCallback, AfterAllCallback {
  /** Where every broker started by this extension keeps its (temporary) data. */
  public static final Path DATA_PARENT = Path.of("target", "embedded-kafka");

  private final boolean withRegistry;
  private final String registryBasicAuth;
  private EmbeddedKafkaBroker broker;
  private EmbeddedSchemaRegistry registry;

  private BrokerAndRegistryExtension(boolean withRegistry, String registryBasicAuth) {
    this.withRegistry = withRegistry;
    this.registryBasicAuth = registryBasicAuth;
  }

  /** A broker and a schema registry that keeps its schemas on it. */
  public static BrokerAndRegistryExtension withRegistry() {
    return new BrokerAndRegistryExtension(true, null);
  }

  /** A broker and a schema registry that requires HTTP basic auth with {@code user:password}. */
  public static BrokerAndRegistryExtension withRegistryRequiring(String basicAuthUserInfo) {
    return new BrokerAndRegistryExtension(true, basicAuthUserInfo);
  }

  /** A broker alone, for tests that bring their own registry (or an in-memory one). */
  public static BrokerAndRegistryExtension brokerOnly() {
    return new BrokerAndRegistryExtension(false, null);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    broker = EmbeddedKafkaBroker.builder().temporaryDataDir(DATA_PARENT).start();
    if (withRegistry) {
      try {
        registry = EmbeddedSchemaRegistry.builder(broker.bootstrapServers()).basicAuth(registryBasicAuth).start();
      } catch (RuntimeException e) {
        broker.close();
        throw e;
      }
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      if (registry != null) {
        registry.close();
      }
    } finally {
      registry = null;
      if (broker != null) {
        broker.close();
      }
      broker = null;
    }
  }

  /** The running broker. */
  public EmbeddedKafkaBroker broker() {
    if (broker == null) {
      throw new IllegalStateException("the broker runs only while the test class runs; register the extension on a static field");
    }
    return broker;
  }

  /** The running registry server. */
  public EmbeddedSchemaRegistry registry() {
    if (registry == null) {
      throw new IllegalStateException(withRegistry
          ? "the registry runs only while the test class runs; register the extension on a static field"
          : "this extension was created brokerOnly()");
    }
    return registry;
  }

  /** {@code 127.0.0.1:<port>} of the broker. */
  public String bootstrapServers() {
    return broker().bootstrapServers();
  }

  /** {@code http://127.0.0.1:<port>} of the registry. */
  public String registryUrl() {
    return registry().url();
  }

  /** A new client configuration holding only {@code bootstrap.servers}; callers add the rest. */
  public Map<String, Object> clientConfig() {
    return broker().clientConfig();
  }

  /** A new client of the registry (with the credentials it requires, if any); the caller closes it. */
  public HttpSchemaRegistryClient registryClient() {
    return HttpSchemaRegistryClient.builder(registryUrl()).basicAuth(registryBasicAuth).build();
  }

  /** Creates topics on the broker; existing ones are left as they are. */
  public void createTopics(TopicSpec... topics) {
    broker().createTopics(topics);
  }

  /** {@code prefix} and a random suffix: a topic, group or application id no other test uses. */
  public static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
