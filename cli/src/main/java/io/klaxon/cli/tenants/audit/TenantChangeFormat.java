package io.klaxon.cli.tenants.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.klaxon.events.ErasureReport;
import io.klaxon.events.FieldChange;
import io.klaxon.events.TenantChange;

/** Renders a {@link TenantChange} as readable lines or as one line of JSON. Stateless and thread-safe. */
public final class TenantChangeFormat {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TenantChangeFormat() {}

  /**
   * {@code at  ACTION  tenant  by author}, then for an erasure what it deleted and where it wrote
   * tombstones, then one {@code path: before -> after} line per setting; ends with a line break.
   */
  public static String text(TenantChange c) {
    StringBuilder out = new StringBuilder().append(c.getAt()).append("  ").append(c.getAction()).append("  ")
        .append(c.getTenantId()).append("  by ").append(c.getAuthor()).append('\n');
    ErasureReport erasure = c.getErasure();
    if (erasure != null) {
      out.append("  erasure of ").append(erasure.getErasedAt()).append(", reported by ").append(erasure.getReporter())
          .append(erasure.getComplete() ? ", complete" : "").append('\n');
      erasure.getStateDeleted().forEach((store, n) -> out.append("  state deleted: ").append(store).append(' ').append(n).append('\n'));
      erasure.getTombstones().forEach((topic, n) -> out.append("  tombstones: ").append(topic).append(' ').append(n).append('\n'));
      if (erasure.getDetail() != null) {
        out.append("  ").append(erasure.getDetail()).append('\n');
      }
    }
    for (FieldChange f : c.getChanges()) {
      out.append("  ").append(f.getPath()).append(": ").append(shown(f.getBefore())).append(" -> ")
          .append(shown(f.getAfter())).append('\n');
    }
    return out.toString();
  }

  /** One JSON object on one line. */
  public static String json(TenantChange c) {
    ObjectNode node = JSON.createObjectNode()
        .put("tenantId", c.getTenantId())
        .put("author", c.getAuthor())
        .put("at", c.getAt().toString())
        .put("action", c.getAction().name());
    ErasureReport erasure = c.getErasure();
    if (erasure != null) {
      ObjectNode e = node.putObject("erasure").put("erasedAt", erasure.getErasedAt().toString())
          .put("reporter", erasure.getReporter()).put("complete", erasure.getComplete()).put("detail", erasure.getDetail());
      ObjectNode deleted = e.putObject("stateDeleted");
      erasure.getStateDeleted().forEach(deleted::put);
      ObjectNode written = e.putObject("tombstones");
      erasure.getTombstones().forEach(written::put);
    }
    ArrayNode changes = node.putArray("changes");
    for (FieldChange f : c.getChanges()) {
      changes.addObject().put("path", f.getPath()).put("before", f.getBefore()).put("after", f.getAfter());
    }
    return node.toString();
  }

  private static String shown(String value) {
    return value == null ? "(none)" : value;
  }
}
