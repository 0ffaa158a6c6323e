package io.klaxon.sinks.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SlackAuthTest {
  private final SlackAuth auth = new SlackAuth("xoxb-right");

  private static SlackRequestParams form(String body) {
    return SlackRequestParams.parse("application/x-www-form-urlencoded", body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void acceptsTheConfiguredTokenAsABearerInAnyCaseOrAsAnArgument() {
    assertThat(auth.refusal("Bearer xoxb-right", form("channel=a"))).isEmpty();
    assertThat(auth.refusal("bearer  xoxb-right ", form("channel=a"))).isEmpty();
    assertThat(auth.refusal(null, form("token=xoxb-right&channel=a"))).isEmpty();
  }

  @Test
  void refusesAnotherTokenAsInvalidAndNoneAsNotAuthed() {
    assertThat(auth.refusal("Bearer xoxb-wrong", form("token=xoxb-right"))).as("the header wins").hasValue("invalid_auth");
    assertThat(auth.refusal(null, form("token=xoxb-wrong"))).hasValue("invalid_auth");
    assertThat(auth.refusal(null, form("channel=a"))).hasValue("not_authed");
    assertThat(auth.refusal("Bearer ", form("channel=a"))).hasValue("not_authed");
    assertThat(auth.refusal("Basic eHg6eXk=", form("channel=a"))).hasValue("not_authed");
  }

  @Test
  void authTestNamesTheLocalWorkspace() throws Exception {
    SlackAnswer answer = SlackAuth.authTest("http://127.0.0.1:1/");
    JsonNode body = new ObjectMapper().readTree(answer.body());

    assertThat(answer.status()).isEqualTo(200);
    assertThat(body.path("ok").asBoolean()).isTrue();
    assertThat(body.path("url").asText()).isEqualTo("http://127.0.0.1:1/");
    assertThat(body.path("team_id").asText()).isEqualTo(LocalWorkspace.TEAM_ID);
    assertThat(body.path("bot_id").asText()).isEqualTo(LocalWorkspace.BOT_ID);
  }
}
