package io.klaxon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.Channel;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.PagerDutyTarget;
import io.klaxon.events.SlackTarget;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.launcher.StandInSecrets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The notifier settings {@code klaxon up} derives from the tenant files. */
class LocalStackTest {
  private static final String STACK_KEY = StandInSecrets.newKey();

  private static TenantConfig umbrella(ChannelTarget... targets) {
    return TenantConfig.newBuilder().setTenantId("umbrella").setTier(Tier.TRIAL).setTargets(List.of(targets)).build();
  }

  @Test
  void everyPagerDutyRoutingKeyReferenceGetsAThirtyTwoCharacterKeyOfTheStack() {
    ChannelTarget pagerDuty = ChannelTarget.newBuilder().setId("oncall-pagerduty").setChannel(Channel.WEBHOOK)
        .setPagerduty(PagerDutyTarget.newBuilder().setRoutingKeyRef("env:UMBRELLA_PAGERDUTY_KEY").build()).build();
    ChannelTarget fromFile = ChannelTarget.newBuilder().setId("pager-file").setChannel(Channel.WEBHOOK)
        .setPagerduty(PagerDutyTarget.newBuilder().setRoutingKeyRef("file:/run/secrets/umbrella/pd").build()).build();
    ChannelTarget slack = ChannelTarget.newBuilder().setId("slack").setChannel(Channel.SLACK)
        .setSlack(SlackTarget.newBuilder().setChannel("#umbrella-alerts").setWebhookUrlRef("env:UMBRELLA_SLACK_WEBHOOK")
            .build()).build();

    Map<String, String> env = LocalStack.notifierEnv(List.of(umbrella(pagerDuty, fromFile, slack)), 8091, STACK_KEY);

    assertThat(env.get("UMBRELLA_PAGERDUTY_KEY")).hasSize(32)
        .isEqualTo(StandInSecrets.routingKeyFor(STACK_KEY, "env:UMBRELLA_PAGERDUTY_KEY"))
        .isNotEqualTo(StandInSecrets.secretFor(STACK_KEY, "env:UMBRELLA_PAGERDUTY_KEY"));
    assertThat(env).as("a file is read as it is").doesNotContainValue("file:/run/secrets/umbrella/pd")
        .hasEntrySatisfying("UMBRELLA_SLACK_WEBHOOK",
            url -> assertThat(url).isEqualTo("http://127.0.0.1:8091/services/umbrella/slack"));
    assertThat(LocalStack.notifierEnv(List.of(umbrella(pagerDuty)), 8091, StandInSecrets.newKey()).get("UMBRELLA_PAGERDUTY_KEY"))
        .as("a new stack, a new key").isNotEqualTo(env.get("UMBRELLA_PAGERDUTY_KEY"));
  }
}
