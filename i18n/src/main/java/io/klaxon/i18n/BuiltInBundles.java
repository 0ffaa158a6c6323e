package io.klaxon.i18n;

import com.ibm.icu.util.ULocale;
import io.klaxon.contract.SupportedLanguages;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The message bundles shipped with Klaxon: for each locale of {@link SupportedLanguages#BUNDLED}
 * a map of message key to ICU MessageFormat pattern, read from the UTF-8 file {@code
 * io/klaxon/i18n/messages/messages_<ICU base name>.properties} on the class path ({@code
 * messages_zh_Hant.properties}). English has every key; so does every other bundle (the notifier's
 * completeness test checks). Stateless and thread-safe.
 */
public final class BuiltInBundles {
  private static final String RESOURCE = "/io/klaxon/i18n/messages/messages_%s.properties";

  private BuiltInBundles() {}

  /**
   * Every built-in bundle, ICU base name ({@code fr}, {@code zh_Hant}) → key → pattern, in the
   * order of {@link SupportedLanguages#BUNDLED}; each bundle sorted by key and unmodifiable.
   *
   * @throws IllegalStateException when a bundle is missing from the class path (a broken build)
   */
  public static Map<String, Map<String, String>> load() {
    Map<String, Map<String, String>> bundles = new LinkedHashMap<>();
    for (String tag : SupportedLanguages.BUNDLED) {
      String baseName = ULocale.forLanguageTag(tag).getBaseName();
      bundles.put(baseName, load(baseName));
    }
    return java.util.Collections.unmodifiableMap(bundles);
  }

  /** The English bundle: every message key there is, with the pattern every translation keeps the shape of. */
  public static Map<String, String> english() {
    return load(SupportedLanguages.FALLBACK);
  }

  private static Map<String, String> load(String baseName) {
    String resource = String.format(RESOURCE, baseName);
    try (InputStream in = BuiltInBundles.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing message bundle " + resource);
      }
      Properties properties = new Properties();
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        properties.load(reader);
      }
      Map<String, String> messages = new TreeMap<>();
      properties.forEach((k, v) -> messages.put((String) k, (String) v));
      return java.util.Collections.unmodifiableMap(messages);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read message bundle " + resource, e);
    }
  }
}
