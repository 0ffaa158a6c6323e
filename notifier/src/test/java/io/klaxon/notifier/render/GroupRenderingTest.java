package io.klaxon.notifier.render;

import static io.klaxon.notifier.testing.Requests.email;
import static io.klaxon.notifier.testing.Requests.group;
import static io.klaxon.notifier.testing.Requests.groupRequest;
import static io.klaxon.notifier.testing.Requests.grouped;
import static io.klaxon.notifier.testing.Requests.request;
import static io.klaxon.notifier.testing.Requests.slackChannel;
import static io.klaxon.notifier.testing.Requests.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.GsonBuilder;
import com.slack.api.model.block.SectionBlock;
import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertGroup;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.GroupedAlert;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.Severity;
import io.klaxon.notifier.metrics.NotifierMetrics;
import io.klaxon.notifier.testing.Requests;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A group flush (type GROUP) is one notification listing its alerts, on every channel and in every
 * language: not the single alert a GROUP request also carries for readers that predate groups.
 */
class GroupRenderingTest {
  private static final String FSI = String.valueOf(BidiIsolation.FSI);
  private static final String PDI = String.valueOf(BidiIsolation.PDI);
  private static final String RLI = String.valueOf(BidiIsolation.RLI);

  private final NotifierMetrics metrics = NotifierMetrics.inMemory();
  private final Renderer renderer = new Renderer(MessageBundles.builtIn(), "en", metrics);

  private static String json(SlackMessage message) {
    return new GsonBuilder().disableHtmlEscaping().create().toJson(message.blocks());
  }

  private static AlertGroup resolvedGroup() {
    return group().setSequence(3).setFiring(0).setResolved(2).setAlerts(List.of(
        grouped("fp-disk", Requests.alert().setStatus(AlertStatus.RESOLVED).build(), true),
        grouped("fp-cpu", Requests.alert().setTitle("CPU busy").setSource("billing-api").setSeverity(Severity.WARNING)
            .setStatus(AlertStatus.RESOLVED).build(), true)))
        .build();
  }

  private static List<GroupedAlert> firingAlerts(int n) {
    return IntStream.rangeClosed(1, n).mapToObj(i -> grouped("fp-" + i,
        Requests.alert().setTitle("Disk " + i + " almost full").build(), false)).toList();
  }

  @Test
  void slackShowsTheCountRuleAndLabelValuesThenOneLinePerAlertMarkedNewOrResolved() {
    SlackMessage message = renderer.slackMessage(groupRequest(slackChannel("#ops")).build());

    String blocks = json(message);
    assertThat(message.text()).isEqualTo("Firing (2): disk-usage · prod eu-west-1");
    assertThat(message.color()).isEqualTo("#D00000");
    assertThat(blocks).contains(":rotating_light: *Firing (2): disk-usage · prod eu-west-1*")
        .contains("*Alerts*\\n:rotating_light: New: [Critical] Disk almost full — checkout-api"
            + "\\n:warning: [Warning] CPU busy — billing-api"
            + "\\n:white_check_mark: Resolved: [High] Memory low — search-api")
        .contains("*Severity*\\nCritical").contains("*Status*\\nFiring").contains("*Started at*\\nNov 22, 2026")
        .contains("*Grouped by*\\nenv: prod\\nregion: eu-west-1")
        .contains("1 alert resolved since the last notification");
    // Not the single alert the request carries for older readers: its message, kind and links stay out.
    assertThat(blocks).doesNotContain("Volume /data is 97% full", "*Kind*", "Runbook", "more alert");
  }

  @Test
  void theFirstFlushMarksNoAlertNewButStillMarksOneThatAlreadyResolved() {
    SlackMessage first = renderer.slackMessage(groupRequest(slackChannel("#ops"), group().setSequence(1).build()).build());

    assertThat(json(first)).doesNotContain("New:").contains(":rotating_light: [Critical] Disk almost full")
        .contains(":white_check_mark: Resolved: [High] Memory low");
  }

  @Test
  void alertsLeftOutAreCountedAfterTheListOnEveryChannel() throws Exception {
    AlertGroup many = group().setFiring(9).setAlerts(firingAlerts(4)).setOmitted(5).build();
    AlertGroup oneMore = group().setFiring(5).setAlerts(firingAlerts(4)).setOmitted(1).build();

    String slack = json(renderer.slackMessage(groupRequest(slackChannel("#ops"), many).build()));
    EmailMessage mail = renderer.emailMessage(groupRequest(email("ops@acme.example"), many).build());
    JsonNode hook = new ObjectMapper().readTree(renderer.webhookMessage(
        groupRequest(webhook("https://hooks.acme.example/k", "env:K"), many).build()).body());

    assertThat(slack).contains("Disk 4 almost full — checkout-api\\n…and 5 more alerts");
    assertThat(mail.text()).contains("  [Critical] Disk 4 almost full — checkout-api\n  …and 5 more alerts\n");
    assertThat(mail.html()).contains("<li>…and 5 more alerts</li>\n</ul>");
    assertThat(hook.at("/rendered/text").asText()).contains("Disk 4 almost full — checkout-api\n…and 5 more alerts");
    assertThat(hook.at("/group/omitted").asLong()).isEqualTo(5);
    assertThat(json(renderer.slackMessage(groupRequest(slackChannel("#ops"), oneMore).build())))
        .contains("…and 1 more alert\"");
  }

  @Test
  void aGroupWhoseAlertsAllResolvedIsGreenAndSaysResolvedOnEveryChannel() throws Exception {
    SlackMessage slack = renderer.slackMessage(groupRequest(slackChannel("#ops"), resolvedGroup()).build());
    EmailMessage mail = renderer.emailMessage(groupRequest(email("ops@acme.example"), resolvedGroup()).build());
    JsonNode hook = new ObjectMapper().readTree(renderer.webhookMessage(
        groupRequest(webhook("https://hooks.acme.example/k", "env:K"), resolvedGroup()).build()).body());

    assertThat(slack.color()).isEqualTo("#2EB67D");
    assertThat(slack.text()).isEqualTo("Resolved: disk-usage · prod eu-west-1");
    assertThat(json(slack)).startsWith("[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\":white_check_mark: *Resolved:")
        .contains("*Status*\\nResolved").contains("2 alerts resolved since the last notification");
    assertThat(mail.subject()).isEqualTo("[Critical] Resolved: disk-usage · prod eu-west-1 — Acme Corp");
    assertThat(mail.html()).contains("4px solid #2EB67D");
    assertThat(hook.at("/group/status").asText()).isEqualTo("resolved");
    assertThat(hook.at("/rendered/title").asText()).isEqualTo("Resolved: disk-usage · prod eu-west-1");
  }

  @Test
  void emailListsTheAlertsInTextAndHtmlWithTheCountInItsSubject() {
    EmailMessage mail = renderer.emailMessage(groupRequest(email("ops@acme.example")).build());

    assertThat(mail.subject()).isEqualTo("[Critical] Firing (2): disk-usage · prod eu-west-1 — Acme Corp");
    assertThat(mail.text()).startsWith("Firing (2): disk-usage · prod eu-west-1\n\nAlerts:\n"
            + "  New: [Critical] Disk almost full — checkout-api\n"
            + "  [Warning] CPU busy — billing-api\n"
            + "  Resolved: [High] Memory low — search-api\n\n"
            + "Severity: Critical\nStatus: Firing\nTenant: Acme Corp\nStarted at: Nov 22, 2026")
        .contains("\nGrouped by:\n  env: prod\n  region: eu-west-1\n")
        .contains("\n1 alert resolved since the last notification\n")
        .doesNotContain("Volume /data");
    assertThat(mail.html()).contains("<html lang=\"en\" dir=\"ltr\">")
        .contains("<h2 style=\"font-size:14px\">Alerts</h2>\n<ul>\n<li style=\"border-left:3px solid #D00000;"
            + "padding-inline-start:6px\">New: [Critical] <bdi>Disk almost full</bdi> — <bdi>checkout-api</bdi></li>")
        .contains("<li style=\"border-left:3px solid #2EB67D;padding-inline-start:6px\">Resolved: [High] <bdi>Memory low</bdi>")
        .contains(">Grouped by</h2>");
  }

  @Test
  void arabicGroupsReadRightToLeftWithEveryValueIsolatedOnEveryChannel() throws Exception {
    SlackMessage slack = renderer.slackMessage(groupRequest(slackChannel("#ops")).setTenantLocale("ar").build());
    EmailMessage mail = renderer.emailMessage(groupRequest(email("ops@acme.example")).setTenantLocale("ar").build());
    JsonNode hook = new ObjectMapper().readTree(renderer.webhookMessage(
        groupRequest(webhook("https://hooks.acme.example/k", "env:K")).setTenantLocale("ar").build()).body());
    String headline = "نشطة (2): " + FSI + "disk-usage" + PDI + " · " + FSI + "prod" + PDI + " " + FSI + "eu-west-1" + PDI;

    assertThat(slack.rightToLeft()).isTrue();
    assertThat(slack.text()).isEqualTo(RLI + headline + PDI);
    assertThat(json(slack)).contains(":rotating_light: " + RLI + "جديد: [حرج] " + FSI + "Disk almost full" + PDI + " — "
            + FSI + "checkout-api" + PDI + PDI)
        .contains(":white_check_mark: " + RLI + "تم الحل: [مرتفع] " + FSI + "Memory low" + PDI)
        .contains("حُلّ تنبيه واحد منذ الإشعار السابق");
    assertThat(mail.subject()).isEqualTo("[حرج] " + headline + " — " + FSI + "Acme Corp" + PDI);
    assertThat(mail.html()).contains("<html lang=\"ar\" dir=\"rtl\">").contains("<body dir=\"rtl\"")
        .contains("<li style=\"border-right:3px solid #D00000;padding-inline-start:6px\">جديد: [حرج] <bdi>Disk almost full</bdi>")
        .contains(">التنبيهات</h2>");
    assertThat(mail.html().substring(mail.html().indexOf("<body"))).doesNotContain(FSI, PDI);
    assertThat(hook.at("/rendered/direction").asText()).isEqualTo("rtl");
    assertThat(hook.at("/rendered/title").asText()).isEqualTo(headline);
  }

  @Test
  void countsTakeTheLanguagesPluralForms() throws Exception {
    assertThat(notes("ru", 1, 1)).contains("1 оповещение решено с момента последнего уведомления", "…и ещё 1 оповещение");
    assertThat(notes("ru", 3, 3)).contains("3 оповещения решены с момента последнего уведомления", "…и ещё 3 оповещения");
    assertThat(notes("ru", 5, 11)).contains("5 оповещений решено с момента последнего уведомления", "…и ещё 11 оповещений");
    assertThat(notes("ar", 2, 2)).contains("حُلّ تنبيهان منذ الإشعار السابق", "…وتنبيهان آخران");
    assertThat(notes("ar", 3, 11)).contains("حُلّت 3 تنبيهات منذ الإشعار السابق", "…و11 تنبيهًا آخر");
    assertThat(notes("he", 2, 5)).contains("שתי התראות נפתרו מאז ההודעה הקודמת", "…ועוד 5 התראות");
    assertThat(notes("fr", 1, 1_000_000)).contains("1 alerte résolue depuis la dernière notification",
        "…et 1 000 000 d’autres alertes");
    assertThat(notes("ja", 3, 2)).contains("前回の通知以降に 3件のアラートが解決しました", "…ほか 2件のアラート");
  }

  /** The notes of a webhook's rendered text in {@code locale}: the list, "and N more", the resolved count. */
  private List<String> notes(String locale, long resolved, long omitted) throws Exception {
    String body = renderer.webhookMessage(groupRequest(webhook("https://hooks.acme.example/k", "env:K"),
        group().setResolved(resolved).setOmitted(omitted).build()).setTenantLocale(locale).build()).body();
    String text = new ObjectMapper().readTree(body).at("/rendered/text").asText();
    return List.of(text.replace('\u202F', ' ').replace('\u00A0', ' ').split("\n"));
  }

  @Test
  void hostileTitlesAndRulesInsideAGroupAreEscapedForEachChannel() throws Exception {
    AlertGroup hostile = group().setGroupLabels(Map.of("team", "<@U123ABC>")).setAlerts(List.of(
        grouped("fp-x", Requests.alert().setTitle("Deploy <!channel> \u202Enow\r\nBcc: victim@example.com")
            .setSource("<script>alert(1)</script>").build(), true))).build();
    NotificationRequest.Builder request = groupRequest(slackChannel("#ops"), hostile).setRouteName("<!here> rule");

    SlackMessage slack = renderer.slackMessage(request.build());
    EmailMessage mail = renderer.emailMessage(request.setTarget(email("ops@acme.example")).build());
    String body = renderer.webhookMessage(request.setTarget(webhook("https://hooks.acme.example/k", "env:K")).build()).body();
    JsonNode hook = new ObjectMapper().readTree(body);

    String slackText = slack.text() + json(slack);
    assertThat(slackText).doesNotContain("<!channel>", "<!here>", "<@U123ABC>", "<script>", "\u202E")
        .contains("Deploy &lt;!channel&gt; now").contains("&lt;!here&gt; rule · &lt;@U123ABC&gt;")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(mail.subject()).doesNotContain("\r", "\n", "\u202E").contains("<!here> rule");
    assertThat(mail.html()).doesNotContain("<script>", "\u202E")
        .contains("<bdi>&lt;script&gt;alert(1)&lt;/script&gt;</bdi>").contains("<bdi>&lt;!here&gt; rule</bdi>");
    assertThat(hook.at("/rendered/text").asText() + hook.at("/rendered/title").asText()).doesNotContain("\u202E");
    // The raw fields are the producer's data, unchanged, as in an alert's webhook body.
    assertThat(hook.at("/group/alerts/0/title").asText()).isEqualTo("Deploy <!channel> \u202Enow\r\nBcc: victim@example.com");
  }

  @Test
  void theWebhookBodyCarriesTheGroupAndEachAlertWithTheFieldsOfAnAlertsBody() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    JsonNode group = mapper.readTree(renderer.webhookMessage(
        groupRequest(webhook("https://hooks.acme.example/k", "env:K")).build()).body());
    JsonNode alert = mapper.readTree(renderer.webhookMessage(request(webhook("https://hooks.acme.example/k", "env:K")).build()).body());

    assertThat(group.get("type").asText()).isEqualTo("group");
    assertThat(group.get("route").asText()).isEqualTo("disk-usage");
    assertThat(group.get("alert").isNull()).isTrue();
    assertThat(group.get("summary").isNull()).isTrue();
    JsonNode body = group.get("group");
    assertThat(fieldNames(body)).containsExactly("groupKey", "groupLabels", "sequence", "status", "firing", "resolved",
        "omitted", "mostSevere", "startedAt", "alerts");
    assertThat(body.get("groupKey").asText()).isEqualTo("g-7f3a");
    assertThat(body.at("/groupLabels/env").asText()).isEqualTo("prod");
    assertThat(body.get("sequence").asLong()).isEqualTo(2);
    assertThat(body.get("status").asText()).isEqualTo("firing");
    assertThat(body.get("firing").asLong()).isEqualTo(2);
    assertThat(body.get("resolved").asLong()).isEqualTo(1);
    assertThat(body.get("omitted").asLong()).isZero();
    assertThat(body.get("mostSevere").asText()).isEqualTo("CRITICAL");
    assertThat(body.get("startedAt").asText()).isEqualTo("2026-11-22T10:05:00Z");
    assertThat(body.get("alerts")).hasSize(3);
    List<String> alertFields = new ArrayList<>(fieldNames(alert.get("alert")));
    alertFields.add("changed");
    assertThat(fieldNames(body.at("/alerts/0"))).containsExactlyElementsOf(alertFields);
    assertThat(body.at("/alerts/0/fingerprint").asText()).isEqualTo("fp-disk");
    assertThat(body.at("/alerts/0/changed").asBoolean()).isTrue();
    assertThat(body.at("/alerts/1/changed").asBoolean()).isFalse();
    assertThat(body.at("/alerts/2/status").asText()).isEqualTo("RESOLVED");
    assertThat(body.at("/alerts/0/labels/region").asText()).isEqualTo("eu-west-1");
    assertThat(body.at("/alerts/0/links/0/text").asText()).isEqualTo("Runbook");
    assertThat(group.at("/rendered/title").asText()).isEqualTo("Firing (2): disk-usage · prod eu-west-1");
    assertThat(group.at("/rendered/text").asText()).isEqualTo("New: [Critical] Disk almost full — checkout-api\n"
        + "[Warning] CPU busy — billing-api\nResolved: [High] Memory low — search-api\n"
        + "1 alert resolved since the last notification");
    assertThat(alert.get("group").isNull()).isTrue();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  @Test
  void tenantOverridesApplyToTheGroupKeysByKeyAndByLocale() {
    NotificationRequest english = groupRequest(email("ops@acme.example"), group().setOmitted(3).build())
        .setTemplateOverrides(Map.of("group.headline", "{count, number, integer} × {route}",
            "group.more/fr", "…plus {count, number, integer}"))
        .build();
    NotificationRequest french = NotificationRequest.newBuilder(english).setTenantLocale("fr").build();
    List<TemplateProblem> problems = new ArrayList<>();

    EmailMessage inEnglish = renderer.emailMessage(english);
    EmailMessage inFrench = renderer.emailMessage(NotificationRequest.newBuilder(french)
        .setTemplateOverrides(Map.of("group.more/fr", "…plus {count, number, integer}", "group.alert", "{title")).build(),
        problems::add);

    assertThat(inEnglish.subject()).isEqualTo("[Critical] 2 × disk-usage — Acme Corp");
    assertThat(inEnglish.text()).contains("  …and 3 more alerts\n");
    assertThat(inFrench.text()).contains("  …plus 3\n").contains("  Nouvelle\u202F: [Critique] Disk almost full — checkout-api\n");
    // One problem, met once per listed alert; a delivery reports each problem once.
    assertThat(problems.stream().map(TemplateProblem::describe).distinct()).singleElement()
        .satisfies(problem -> assertThat(problem).startsWith("templateOverrides.group.alert:"));
    assertThat(metrics.count("klaxon.notifier.template.fallbacks", "key", "group.alert")).isEqualTo(3.0);
  }

  @Test
  void aGroupIsWrittenInTheLanguageItsAlertsShareElseInTheTargetsOrTenants() {
    AlertGroup german = group().setAlerts(group().build().getAlerts().stream()
        .map(a -> grouped(a.getFingerprint(), AlertEvent.newBuilder(a.getAlert()).setLocale("de").build(), a.getChanged()))
        .toList())
        .build();
    AlertGroup mixed = AlertGroup.newBuilder(german).setAlerts(List.of(german.getAlerts().get(0),
        grouped("fp-fr", Requests.alert().setLocale("fr").build(), false))).build();

    assertThat(renderer.emailMessage(groupRequest(email("a@acme.example"), german).build()).subject())
        .startsWith("[Kritisch] Ausgelöst (2):");
    assertThat(renderer.emailMessage(groupRequest(email("a@acme.example"), mixed).setTenantLocale("es").build()).subject())
        .startsWith("[Crítica] Activas (2):");
  }

  @Test
  void aGroupRequestWithoutItsGroupIsNeverRenderedAsItsAlert() {
    NotificationRequest broken = groupRequest(slackChannel("#ops")).setGroup(null).build();

    assertThatThrownBy(() -> renderer.slackMessage(broken)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> renderer.emailMessage(NotificationRequest.newBuilder(broken).setTarget(email("a@acme.example"))
        .build())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> renderer.webhookMessage(NotificationRequest.newBuilder(broken)
        .setTarget(webhook("https://hooks.acme.example/k", "env:K")).build())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aLongListGoesOnInAnotherSlackSectionInsteadOfBeingCut() {
    String title = "x".repeat(250);
    AlertGroup big = group().setFiring(40).setAlerts(IntStream.rangeClosed(1, 40).mapToObj(i -> grouped("fp-" + i,
        Requests.alert().setTitle(title + i).build(), false)).toList()).build();

    SlackMessage message = renderer.slackMessage(groupRequest(slackChannel("#ops"), big).build());

    List<String> sections = message.blocks().stream().filter(SectionBlock.class::isInstance).map(SectionBlock.class::cast)
        .filter(s -> s.getText() != null).map(s -> s.getText().getText()).toList();
    assertThat(sections).allSatisfy(text -> assertThat(text.length()).isLessThanOrEqualTo(SlackRenderer.MAX_SECTION));
    String all = String.join("\n", sections);
    IntStream.rangeClosed(1, 40).forEach(i -> assertThat(all).contains(title + i + " — checkout-api"));
    assertThat(all).doesNotContain("…\n");
  }

  @Test
  void aGroupIsOnePagerDutyIncidentKeyedByItsFingerprint() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    PagerDutyMessage firing = renderer.pagerDutyMessage(groupRequest(slackChannel("#ops")).build(), p -> { });
    PagerDutyMessage resolved = renderer.pagerDutyMessage(groupRequest(slackChannel("#ops"), resolvedGroup()).build(), p -> { });

    JsonNode event = mapper.readTree(firing.event());
    assertThat(firing.action()).isEqualTo(PagerDutyMessage.Action.TRIGGER);
    assertThat(firing.dedupKey()).isEqualTo("group:g-7f3a");
    assertThat(event.at("/payload/summary").asText()).isEqualTo("Firing (2): disk-usage · prod eu-west-1");
    assertThat(event.at("/payload/severity").asText()).isEqualTo("critical");
    assertThat(event.at("/payload/source").asText()).isEqualTo("disk-usage");
    assertThat(event.at("/payload/class").asText()).isEqualTo("group");
    assertThat(event.at("/payload/custom_details/group_key").asText()).isEqualTo("g-7f3a");
    assertThat(event.at("/payload/custom_details/alerts")).hasSize(3);
    assertThat(event.at("/payload/custom_details/alerts/2/status").asText()).isEqualTo("RESOLVED");
    assertThat(resolved.action()).isEqualTo(PagerDutyMessage.Action.RESOLVE);
    assertThat(resolved.dedupKey()).isEqualTo("group:g-7f3a");
  }
}
