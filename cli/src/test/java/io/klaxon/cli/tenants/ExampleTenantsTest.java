package io.klaxon.cli.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.ChannelTarget;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keeps examples/tenants valid: every file there must pass validation without even a warning. */
class ExampleTenantsTest {
  private static final Path EXAMPLES = Path.of("..", "examples", "tenants");

  @Test
  void everyExampleTenantFileIsValid() {
    TenantSetValidator.Report report = new TenantSetValidator().validate(List.of(EXAMPLES));

    assertThat(report.problems()).isEmpty();
    assertThat(report.files()).hasSizeGreaterThanOrEqualTo(5);
    assertThat(report.allValid()).isTrue();
  }

  @Test
  void examplesCoverEveryTierTheRequiredLocalesAndEveryChannel() {
    List<TenantConfig> tenants = new TenantSetValidator().validate(List.of(EXAMPLES)).tenants();

    assertThat(tenants).extracting(TenantConfig::getTier).contains(Tier.values());
    assertThat(tenants).extracting(TenantConfig::getDefaultLocale).contains("fr", "de", "ja", "ar", "he");
    for (TenantConfig tenant : tenants) {
      assertThat(tenant.getTargets()).extracting(t -> t.getChannel().name())
          .as(tenant.getTenantId()).contains("SLACK", "EMAIL", "WEBHOOK");
      for (ChannelTarget target : tenant.getTargets()) {
        if (target.getWebhook() != null) {
          assertThat(target.getWebhook().getUrl()).startsWith("http://127.0.0.1:8092/hooks/");
          assertThat(target.getWebhook().getSecretRef()).startsWith("env:");
        }
        if (target.getSlack() != null) {
          // An incoming webhook, or the bot token with a signing secret for the buttons.
          String reference = target.getSlack().getWebhookUrlRef() != null ? target.getSlack().getWebhookUrlRef()
              : target.getSlack().getSigningSecretRef();
          assertThat(reference).as("%s/%s", tenant.getTenantId(), target.getId()).startsWith("env:");
        }
      }
    }
  }
}
