package io.klaxon.notifier.render;

import com.ibm.icu.util.Calendar;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;
import io.klaxon.notifier.metrics.NotifierMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Formats message keys for one notification: the resolved locale, the tenant's time zone, the
 * tenant's template overrides and its own bundles. An override is looked up as {@code key/<locale
 * tag>} along the locale chain, then as {@code key}; an override that fails to parse or format is
 * counted, logged (key and tenant only, never the pattern or the arguments), reported to the
 * rendering's {@link TemplateProblem} consumer and replaced by the default template. Without an override the pattern comes from the {@link MessageCatalog}: a
 * tenant's pattern that fails is replaced by Klaxon's, and a key that only English has while the
 * notification is in another language is shown in English; both are counted ({@link
 * MessageFallbacks}) and logged at DEBUG (key, tenant, locale). A tenant's pattern (override or
 * bundle) loses its bidi embeddings and overrides before it is used ({@link
 * BidiIsolation#withoutEmbeddings}). Not thread-safe: build one per rendering.
 *
 * <p>Parsed patterns come from a {@link FormatCache} shared between renderings, in the locale's
 * {@linkplain ResolvedLocale#dataLocale() data locale}. The time zone is not part of the format:
 * dates are passed as calendars in the tenant's zone.
 */
public final class LocalizedMessages {
  private static final Logger LOG = LoggerFactory.getLogger(LocalizedMessages.class);
  private static final TimeZone UTC = TimeZone.getFrozenTimeZone("UTC");
  /** Tenants' time zones by the id they wrote, frozen (shareable); a tenant can write any id, so the map is bounded. */
  private static final Map<String, TimeZone> ZONES = new ConcurrentHashMap<>();
  private static final int MAX_ZONES = 1_024;
  private final MessageCatalog catalog;
  private final FormatCache formats;
  private final ResolvedLocale locale;
  private final TimeZone timeZone;
  private final Map<String, String> overrides;
  private final String tenantId;
  private final NotifierMetrics metrics;
  private final MessageFallbacks fallbacks;
  private final boolean inEnglish;
  private final Consumer<TemplateProblem> problems;

  LocalizedMessages(MessageCatalog catalog, FormatCache formats, ResolvedLocale locale, String timeZone,
      Map<String, String> overrides, String tenantId, NotifierMetrics metrics, MessageFallbacks fallbacks) {
    this(catalog, formats, locale, timeZone, overrides, tenantId, metrics, fallbacks, problem -> {});
  }

  LocalizedMessages(MessageCatalog catalog, FormatCache formats, ResolvedLocale locale, String timeZone,
      Map<String, String> overrides, String tenantId, NotifierMetrics metrics, MessageFallbacks fallbacks,
      Consumer<TemplateProblem> problems) {
    this.problems = Objects.requireNonNull(problems, "problems");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.formats = Objects.requireNonNull(formats, "formats");
    this.locale = Objects.requireNonNull(locale, "locale");
    this.timeZone = zone(timeZone);
    this.overrides = overrides == null ? Map.of() : overrides;
    this.tenantId = tenantId;
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.fallbacks = Objects.requireNonNull(fallbacks, "fallbacks");
    this.inEnglish = isEnglish(catalog.textLocale(locale.chain()));
  }

  public ResolvedLocale locale() {
    return locale;
  }

  /** A date argument: the instant in the tenant's time zone (ICU formats a Calendar in its own zone). */
  public Calendar at(Instant instant) {
    Calendar calendar = Calendar.getInstance(timeZone, locale.dataLocale());
    calendar.setTimeInMillis(instant.toEpochMilli());
    return calendar;
  }

  /** Formats {@code key} with named arguments. */
  public String format(String key, Map<String, Object> args) {
    for (String overrideKey : overrideKeys(key)) {
      String pattern = overrides.get(overrideKey);
      if (pattern != null) {
        try {
          return formatPattern(BidiIsolation.withoutEmbeddings(pattern), args);
        } catch (RuntimeException e) {
          metrics.templateFallback(key);
          LOG.warn("Template override {} of tenant {} failed ({}); using the default template",
              overrideKey, tenantId, e.getClass().getSimpleName());
          problems.accept(TemplateProblem.of(overrideKey, pattern, e));
          break;
        }
      }
    }
    MessageCatalog.Lookup found = catalog.lookup(key, locale.chain());
    if (found.source() == MessageCatalog.Source.TENANT) {
      try {
        return formatPattern(BidiIsolation.withoutEmbeddings(found.pattern()), args);
      } catch (RuntimeException e) {
        fallbacks.toBuiltIn(key);
        LOG.debug("Message {} of tenant {}'s {} bundle failed ({}); using Klaxon's", key, tenantId,
            found.locale().toLanguageTag(), e.getClass().getSimpleName());
        found = catalog.builtIn(key, locale.chain());
      }
    }
    if (!inEnglish && isEnglish(found.locale())) {
      fallbacks.toEnglish(key);
      LOG.debug("Message {} of tenant {} has no {} text; shown in English", key, tenantId, locale.languageTag());
    }
    return formatPattern(found.pattern(), args);
  }

  private static boolean isEnglish(ULocale locale) {
    return locale.getLanguage().equals(ULocale.ENGLISH.getLanguage());
  }

  private String formatPattern(String pattern, Map<String, Object> args) {
    return formats.format(pattern, locale.dataLocale(), args);
  }

  /** Formats a key that takes no arguments. */
  public String text(String key) {
    return format(key, Map.of());
  }

  private List<String> overrideKeys(String key) {
    List<String> keys = new ArrayList<>();
    if (overrides.isEmpty()) {
      return keys;
    }
    for (ULocale l : locale.chain()) {
      keys.add(key + "/" + l.toLanguageTag());
    }
    keys.add(key);
    return keys;
  }

  private static TimeZone zone(String id) {
    if (id == null || id.isBlank()) {
      return UTC;
    }
    TimeZone zone = ZONES.get(id);
    if (zone == null) {
      String trimmed = id.trim();
      zone = TimeZone.getCanonicalID(trimmed) == null ? UTC : TimeZone.getFrozenTimeZone(trimmed);
      if (ZONES.size() >= MAX_ZONES) {
        ZONES.clear();
      }
      ZONES.put(id, zone);
    }
    return zone;
  }
}
