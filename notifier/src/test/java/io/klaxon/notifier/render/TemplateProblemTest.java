package io.klaxon.notifier.render;

import static io.klaxon.notifier.testing.Requests.email;
import static io.klaxon.notifier.testing.Requests.request;
import static io.klaxon.notifier.testing.Requests.slackChannel;
import static io.klaxon.notifier.testing.Requests.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.NotificationRequest;
import io.klaxon.notifier.metrics.NotifierMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateProblemTest {
  private final NotifierMetrics metrics = NotifierMetrics.inMemory();
  private final Renderer renderer = new Renderer(MessageBundles.builtIn(), "en", metrics);

  @Test
  void aTemplateThatDoesNotParseIsReportedWithItsKeyAndPosition() {
    TemplateProblem problem = TemplateProblem.of("alert.headline/fr", "ALERTE {title", new IllegalArgumentException("x"));

    assertThat(problem.key()).isEqualTo("alert.headline/fr");
    assertThat(problem.position()).isEqualTo(7);
    assertThat(problem.describe()).isEqualTo(
        "templateOverrides.alert.headline/fr: Unmatched '{' braces at position 7; the default text is used");
  }

  @Test
  void icuPositionsAreKeptAndTheTemplateIsNeverQuoted() {
    TemplateProblem problem = TemplateProblem.of("alert.title", "a {b,,}", new IllegalArgumentException("x"));

    assertThat(problem.position()).isEqualTo(3);
    assertThat(problem.describe()).isEqualTo("templateOverrides.alert.title: Bad argument syntax at position 3; the default text is used");
  }

  @Test
  void aTemplateThatParsesButFailsToFormatHasNoPosition() {
    TemplateProblem problem = TemplateProblem.of("alert.headline", "{title, number}", new IllegalArgumentException("x"));

    assertThat(problem.position()).isEqualTo(-1);
    assertThat(problem.describe()).isEqualTo(
        "templateOverrides.alert.headline: fails to format (IllegalArgumentException); the default text is used");
  }

  @Test
  void everyChannelReportsTheBrokenOverrideItReplacedAndStillRendersTheDefault() {
    for (var target : List.of(slackChannel("#ops"), email("a@acme.example"), webhook("https://hooks.acme.example/k", "env:ACME_K"))) {
      NotificationRequest request = request(target)
          .setTemplateOverrides(Map.of("alert.headline", "SECRET-PATTERN {title", "field.source", "Origin"))
          .build();
      List<TemplateProblem> problems = new ArrayList<>();

      RenderedMessage message = renderer.render(request, problems::add);

      assertThat(problems).extracting(TemplateProblem::key).as(target.getChannel().name()).contains("alert.headline")
          .doesNotContain("field.source");
      assertThat(problems.getFirst().position()).isEqualTo(15);
      String text = switch (message) {
        case SlackMessage slack -> slack.text();
        case EmailMessage mail -> mail.text();
        case WebhookMessage hook -> hook.body();
        case PagerDutyMessage event -> event.event();
      };
      assertThat(text).contains("Disk almost full").doesNotContain("SECRET-PATTERN");
    }
  }

  @Test
  void overridesThatWorkReportNothing() {
    List<TemplateProblem> problems = new ArrayList<>();

    renderer.render(request(email("a@acme.example")).setTemplateOverrides(Map.of("alert.headline", "ALARM {title}!")).build(),
        problems::add);

    assertThat(problems).isEmpty();
  }

  /**
   * ICU takes the selector "ot" for 'other' when it parses, not when it formats: a status that
   * matches no case recursed until the stack overflowed, an Error that no renderer caught.
   */
  @Test
  void anOverrideOrTenantBundleThatIcuCannotFormatFallsBackInsteadOfOverflowingTheStack() {
    String recursing = "{status, select, RESOLVED {Opgelost} ot {Actief}}: {title}";
    List<TemplateProblem> problems = new ArrayList<>();

    RenderedMessage overridden = renderer.render(request(email("a@acme.example"))
        .setTemplateOverrides(Map.of("alert.headline", recursing)).build(), problems::add);
    EmailMessage bundled = renderer.emailMessage(request(email("a@acme.example")).setDelivery(
        io.klaxon.events.DeliveryProfile.newBuilder().setDisplayName("Acme").setDefaultLocale("nl")
            .setMessageBundles(Map.of("nl", Map.of("alert.headline", recursing))).build()).build());

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.position()).isZero();
      assertThat(p.describe()).isEqualTo("templateOverrides.alert.headline: {status, select} has no 'other' case at position 0;"
          + " the default text is used");
    });
    assertThat(((EmailMessage) overridden).text()).contains("Firing: Disk almost full");
    assertThat(bundled.text()).contains("Disk almost full").doesNotContain("Actief");
  }
}
