package io.klaxon.cli.i18n;

import com.ibm.icu.util.ULocale;
import io.klaxon.cli.tenants.Problem;
import io.klaxon.cli.tenants.TenantSetValidator;
import io.klaxon.contract.DeliveryProfiles;
import io.klaxon.i18n.BuiltInBundles;
import io.klaxon.i18n.BundleCheck;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code klaxon i18n check}: renders every message key in every locale with sample values, once per
 * select key and plural category, Klaxon's bundles and those of the tenant files given, and reports
 * what would not fit where it is shown (Slack section 3,000 characters, field 2,000, header 150,
 * email subject line 998), missing or extra plural categories, changed arguments, and bidi controls
 * or text against the locale's direction ({@link BundleCheck}). Klaxon's findings read {@code
 * <locale>: <key>: message}; a tenant's are those {@code tenants validate} reports, where the key is
 * written ({@code file:line:column: messageBundles.<locale>.<key>: message}). Exit 0 when there is
 * no error (warnings allowed), 1 otherwise.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Render every message of every locale with sample values and report texts that overflow Slack's"
        + " limits, missing plural forms and direction problems: Klaxon's bundles, and the bundles of the tenant files given.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:no errors (warnings allowed)", "1:at least one error", "2:usage error"})
public final class I18nCheckCommand implements Callable<Integer> {
  private static final Map<String, Map<String, String>> BUILT_IN = BuiltInBundles.load();
  private static final Map<String, String> ENGLISH = BuiltInBundles.english();

  @Spec
  CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "FILE|DIR", description = "Tenant files or directories whose bundles to check too.")
  List<Path> tenants = new ArrayList<>();

  private int errors;
  private int warnings;
  private int messages;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    BUILT_IN.forEach((baseName, bundle) -> {
      ULocale locale = new ULocale(baseName);
      messages += bundle.size();
      BundleCheck.check(locale, bundle, ENGLISH, true).forEach(f -> report(err, locale.toLanguageTag() + ": " + f.key() + ": ", f));
    });
    int tenantCount = 0;
    if (!tenants.isEmpty()) {
      TenantSetValidator.Report report = new TenantSetValidator().validate(tenants);
      for (Problem problem : report.problems()) {
        err.println(problem);
        if (problem.isError()) {
          errors++;
        } else {
          warnings++;
        }
      }
      tenantCount = report.files().size();
      messages += report.tenants().stream()
          .mapToInt(t -> DeliveryProfiles.of(t).getMessageBundles().values().stream().mapToInt(Map::size).sum()).sum();
    }
    spec.commandLine().getOut().println(BUILT_IN.size() + " built-in locales" + (tenants.isEmpty() ? "" : ", "
        + tenantCount + (tenantCount == 1 ? " tenant" : " tenants")) + ", " + messages + " messages rendered, " + errors
        + (errors == 1 ? " error" : " errors") + (warnings > 0 ? ", " + warnings + (warnings == 1 ? " warning" : " warnings") : ""));
    return errors == 0 ? 0 : 1;
  }

  private void report(PrintWriter err, String where, BundleCheck.Finding finding) {
    if (finding.isError()) {
      errors++;
      err.println(where + finding.message());
    } else {
      warnings++;
      err.println(where + "warning: " + finding.message());
    }
  }
}
