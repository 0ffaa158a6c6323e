package io.klaxon.cli.tenants;

import io.klaxon.cli.Authors;
import io.klaxon.cli.KafkaOptions;
import io.klaxon.cli.read.TopicReader;
import io.klaxon.cli.tenants.audit.CurrentTenants;
import io.klaxon.cli.tenants.audit.TenantChanges;
import io.klaxon.contract.DeliveryProfiles;
import io.klaxon.contract.TenantIds;
import io.klaxon.events.TenantChange;
import io.klaxon.events.TenantConfig;
import io.klaxon.ops.Env;
import io.klaxon.ops.secret.MasterKeySettings;
import io.klaxon.privacy.MasterKeys;
import io.klaxon.privacy.SealedDataException;
import io.klaxon.serde.PinnedSchemaSerializer;
import io.klaxon.serde.ReleasedSchemas;
import io.klaxon.topics.KlaxonTopics;
import io.klaxon.topics.Topic;
import io.klaxon.topics.TopicNames;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code klaxon tenants apply}: validates every given file first and publishes nothing if any is
 * invalid; then publishes each tenant keyed by its id (value: Avro TenantConfig in the Confluent
 * wire format, updatedAt set to now) to the compacted tenants topic. {@code --delete ID} publishes
 * a tombstone. Records are written with the TenantConfig schema version {@code --schema-version}
 * (default {@code $TENANCY_SCHEMA_VERSION}, else the latest); a tenant that sets a field the
 * chosen version lacks is an error, and nothing is published. Before publishing it reads the
 * tenants' current records from the tenants topic; once a tenant's record is acknowledged, what
 * changed (a {@code TenantChange}: who, when, CREATED/UPDATED/DISABLED/DELETED, setting by setting)
 * is written to the tenant changes topic; nothing is written there for a tenant that did not
 * change. Exit 0 when everything was acknowledged, 1 on a validation error or failed send.
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
    description = "Validate tenant files, then publish them (or tombstones with --delete) to the tenants topic.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:all published (or would be, with --dry-run)", "1:validation errors or publishing failed", "2:usage error"})
public final class TenantsApplyCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  KafkaOptions kafka;

  @Parameters(arity = "0..*", paramLabel = "FILE|DIR", description = "Tenant files or directories of tenant files.")
  List<Path> inputs = new ArrayList<>();

  @Option(names = "--delete", paramLabel = "TENANT_ID", description = "Publish a tombstone deleting this tenant (repeatable).")
  List<String> deletes = new ArrayList<>();

  @Option(names = "--topic", description = "Tenants topic (default: " + TopicNames.DEFAULT_TENANTS + ", or $TENANTS_TOPIC when set).")
  String topic;

  @Option(names = "--changes-topic", description = "Tenant changes topic (default: " + TopicNames.DEFAULT_TENANT_CHANGES
      + ", or $TENANT_CHANGES_TOPIC when set).")
  String changesTopic;

  @Option(names = "--author", paramLabel = "NAME",
      description = "Who makes the change, for the tenant changes topic (default: $KLAXON_AUTHOR, else the operating-system user).")
  String author;

  @Option(names = "--dry-run", description = "Validate and print what would be published, publish nothing.")
  boolean dryRun;

  @Option(names = "--rotate-data-keys",
      description = "Give each applied tenant a new data key to seal its records with; its older keys stay, to open what they sealed.")
  boolean rotateDataKeys;

  @Option(names = "--schema-version", paramLabel = "latest|N",
      description = "TenantConfig schema version to write records with: latest or a released version number"
          + " (default: $TENANCY_SCHEMA_VERSION or latest).")
  String schemaVersion;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (inputs.isEmpty() && deletes.isEmpty()) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give tenant files or directories, or --delete TENANT_ID");
    }
    for (String id : deletes) {
      if (!TenantIds.isValid(id)) {
        err.println("klaxon: --delete '" + id + "' is not a tenant id (" + TenantIds.PATTERN.pattern() + ")");
        return 1;
      }
    }
    TenantSetValidator.Report report = new TenantSetValidator().validate(inputs);
    report.problems().forEach(err::println);
    if (!inputs.isEmpty()) {
      out.println(report.summary());
    }
    if (!report.allValid()) {
      err.println("klaxon: nothing published: fix the errors above first");
      return 1;
    }
    String version = schemaVersion != null ? schemaVersion : Env.system().string("TENANCY_SCHEMA_VERSION", "latest");
    Schema writerSchema;
    try {
      writerSchema = ReleasedSchemas.writerSchema(TenantConfig.class, version);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          (schemaVersion != null ? "--schema-version: " : "TENANCY_SCHEMA_VERSION: ") + e.getMessage());
    }
    String versionLabel = "TenantConfig schema version " + version;
    Instant now = Instant.now();
    List<TenantConfig> tenants = report.tenants().stream()
        .map(t -> TenantConfig.newBuilder(t).setUpdatedAt(now).build()).toList();
    int unwritable = 0;
    for (TenantConfig tenant : tenants) {
      try {
        PinnedSchemaSerializer.check(tenant, writerSchema, versionLabel);
      } catch (SerializationException e) {
        unwritable++;
        // Only the delivery profile carries messageBundles: say which setting of the file needs it.
        String cause = e.getMessage().contains("'delivery'") && tenant.getDelivery() != null
            && DeliveryProfiles.needsProfile(tenant.getDelivery())
            ? " (the tenant file sets messageBundles, which only the delivery profile carries)" : "";
        err.println("klaxon: tenant " + tenant.getTenantId() + ": " + e.getMessage() + cause);
      }
    }
    if (unwritable > 0) {
      err.println("klaxon: nothing published: " + unwritable + " tenant(s) cannot be written with " + versionLabel);
      return 1;
    }
    String tenantsTopic = topic != null ? topic : kafka.topics().tenants();
    if (dryRun) {
      tenants.forEach(t -> out.println("would publish tenant " + t.getTenantId() + " to " + tenantsTopic));
      deletes.forEach(id -> out.println("would delete tenant " + id + " from " + tenantsTopic));
      return 0;
    }
    return publish(tenantsTopic, tenants, writerSchema, versionLabel, now, out, err);
  }

  private int publish(String tenantsTopic, List<TenantConfig> tenants, Schema writerSchema, String versionLabel,
      Instant now, PrintWriter out, PrintWriter err) throws InterruptedException {
    Set<String> ids = new HashSet<>(deletes);
    tenants.forEach(t -> ids.add(t.getTenantId()));
    Map<String, TenantConfig> current = CurrentTenants.read(
        new TopicReader<>(kafka.clientProperties(Map.of()), kafka.registry(), tenantsTopic, TenantConfig.class), ids,
        problem -> err.println("klaxon: skipped unreadable tenant record " + problem));
    List<TenantConfig> planned;
    try {
      planned = withDataKeys(tenants, current, writerSchema, versionLabel, now, out);
    } catch (IllegalArgumentException | SealedDataException e) {
      err.println("klaxon: nothing published: " + e.getMessage());
      return 1;
    }
    String who = Authors.of(author, Env.system());
    List<Optional<TenantChange>> changes = new ArrayList<>();
    Map<String, Object> props = kafka.producerProperties();
    int failures = 0;
    try (KafkaProducer<String, TenantConfig> producer = new KafkaProducer<>(props, new StringSerializer(),
        new PinnedSchemaSerializer<>(kafka.registry(), writerSchema, versionLabel, true))) {
      List<String> labels = new ArrayList<>();
      List<Future<RecordMetadata>> sends = new ArrayList<>();
      for (TenantConfig tenant : planned) {
        labels.add("published tenant " + tenant.getTenantId());
        sends.add(producer.send(new ProducerRecord<>(tenantsTopic, tenant.getTenantId(), tenant)));
        changes.add(TenantChanges.of(tenant.getTenantId(), current.get(tenant.getTenantId()), tenant, who, now));
      }
      for (String id : deletes) {
        labels.add("deleted tenant " + id);
        sends.add(producer.send(new ProducerRecord<>(tenantsTopic, id, null)));
        changes.add(TenantChanges.of(id, current.get(id), null, who, now));
      }
      producer.flush();
      List<TenantChange> acknowledged = new ArrayList<>();
      for (int i = 0; i < sends.size(); i++) {
        try {
          RecordMetadata m = sends.get(i).get();
          out.println(labels.get(i) + " -> " + m.topic() + "-" + m.partition() + "@" + m.offset()
              + (changes.get(i).isEmpty() ? " (unchanged)" : ""));
          changes.get(i).ifPresent(acknowledged::add);
        } catch (ExecutionException e) {
          failures++;
          err.println("klaxon: failed: " + labels.get(i).replaceFirst("^(published|deleted)", "publishing")
              + ": " + e.getCause().getMessage());
        }
      }
      failures += record(acknowledged, props, out, err);
    }
    return failures == 0 ? 0 : 1;
  }

  /**
   * The tenants with their data keys ({@link DataKeys}).
   *
   * @throws IllegalArgumentException when the master key cannot be read, or a tenant's keys cannot
   *     be written with the chosen schema version
   */
  private List<TenantConfig> withDataKeys(List<TenantConfig> tenants, Map<String, TenantConfig> current, Schema writerSchema,
      String versionLabel, Instant now, PrintWriter out) {
    MasterKeys masters = kafka.masterKeys();
    boolean keysWritable = writerSchema.getField("dataKeys") != null;
    List<TenantConfig> planned = new ArrayList<>();
    for (TenantConfig tenant : tenants) {
      TenantConfig was = current.get(tenant.getTenantId());
      if (!keysWritable) {
        if (was != null && was.getErasedAt() == null && !was.getDataKeys().isEmpty()) {
          throw new IllegalArgumentException("tenant " + tenant.getTenantId() + " has data keys, which " + versionLabel
              + " cannot carry: writing it would destroy them, and with them every record they sealed");
        }
        planned.add(tenant);
        continue;
      }
      DataKeys.Plan plan = DataKeys.plan(tenant, was, masters, rotateDataKeys, now);
      if (plan.note() != null) {
        out.println(plan.note());
      }
      planned.add(plan.tenant());
    }
    if (masters == null && rotateDataKeys) {
      throw new IllegalArgumentException("--rotate-data-keys needs the master key: set " + MasterKeySettings.MASTER_KEY_REF);
    }
    return planned;
  }

  /** Writes the changes of the acknowledged tenant records to the tenant changes topic; returns how many failed. */
  private int record(List<TenantChange> changes, Map<String, Object> props, PrintWriter out, PrintWriter err)
      throws InterruptedException {
    if (changes.isEmpty()) {
      return 0;
    }
    Topic<String, TenantChange> topic = KlaxonTopics.of(kafka.topics(), kafka.registry()).tenantChanges();
    String name = changesTopic != null ? changesTopic : topic.name();
    int failures = 0;
    try (KafkaProducer<String, TenantChange> producer = new KafkaProducer<>(props, topic.keySerde().serializer(),
        topic.valueSerde().serializer())) {
      List<Future<RecordMetadata>> sends = new ArrayList<>();
      for (TenantChange change : changes) {
        sends.add(producer.send(new ProducerRecord<>(name, change.getTenantId(), change)));
      }
      producer.flush();
      for (int i = 0; i < sends.size(); i++) {
        TenantChange change = changes.get(i);
        String label = "change of tenant " + change.getTenantId() + " (" + change.getAction() + ", "
            + change.getChanges().size() + " setting(s))";
        try {
          RecordMetadata m = sends.get(i).get();
          out.println("recorded " + label + " -> " + m.topic() + "-" + m.partition() + "@" + m.offset());
        } catch (ExecutionException e) {
          failures++;
          err.println("klaxon: failed: recording " + label + ": " + e.getCause().getMessage());
        }
      }
    }
    return failures;
  }
}
