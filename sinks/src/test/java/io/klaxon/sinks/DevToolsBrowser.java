package io.klaxon.sinks;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's headless Chromium driven over the Chrome DevTools Protocol (a WebSocket from the JDK's
 * HTTP client), for tests that click: open a page, click an element with real mouse events at its
 * place on screen, wait for the page the click leads to, read its DOM, take a screenshot. One
 * browser and one page per instance; {@link #close()} ends the browser.
 */
final class DevToolsBrowser implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final LinkedBlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

  private DevToolsBrowser(Process process, Path profile, WebSocket socket) {
    this.process = process;
    this.profile = profile;
    this.socket = socket;
  }

  /** Starts Chromium with a fresh profile under {@code workDir} and attaches to its first page. */
  static DevToolsBrowser start(Path workDir) throws IOException, InterruptedException {
    HeadlessChromium.requireInstalled();
    Path profile = Files.createTempDirectory(workDir, "chromium-devtools-");
    Path err = workDir.resolve("devtools.err");
    Process process = new ProcessBuilder(HeadlessChromium.BINARY.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile.toAbsolutePath(),
        "--window-size=1280,1600", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
        "about:blank")
        .redirectOutput(workDir.resolve("devtools.out").toFile()).redirectError(err.toFile()).start();
    try {
      URI browser = URI.create(awaitListening(process, err));
      HttpClient http = HttpClient.newHttpClient();
      URI list = URI.create("http://" + browser.getAuthority() + "/json/list");
      String page = null;
      Instant deadline = Instant.now().plus(TIMEOUT);
      while (page == null && Instant.now().isBefore(deadline)) {
        JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(list).build(),
            HttpResponse.BodyHandlers.ofString()).body());
        for (JsonNode target : targets) {
          if ("page".equals(target.path("type").asText())) {
            page = target.path("webSocketDebuggerUrl").asText();
          }
        }
        if (page == null) {
          Thread.sleep(100);
        }
      }
      if (page == null) {
        fail("Chromium opened no page to attach to");
      }
      Listener listener = new Listener();
      WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(page), listener).join();
      DevToolsBrowser browserSession = new DevToolsBrowser(process, profile, socket);
      listener.browser = browserSession;
      browserSession.call("Page.enable", JSON.createObjectNode());
      browserSession.call("Runtime.enable", JSON.createObjectNode());
      return browserSession;
    } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw e;
    }
  }

  private static String awaitListening(Process process, Path err) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (Files.exists(err)) {
        Matcher matcher = LISTENING.matcher(Files.readString(err, StandardCharsets.UTF_8));
        if (matcher.find()) {
          return matcher.group(1);
        }
      }
      if (!process.isAlive()) {
        fail("Chromium exited with " + process.exitValue() + "; stderr: " + Files.readString(err));
      }
      Thread.sleep(50);
    }
    fail("Chromium did not open its DevTools port; stderr: " + Files.readString(err));
    throw new IllegalStateException("unreachable");
  }

  /** Loads {@code url} and waits for its load event. */
  void open(String url) throws InterruptedException {
    events.clear();
    call("Page.navigate", JSON.createObjectNode().put("url", url));
    awaitEvent("Page.loadEventFired");
  }

  /**
   * Clicks the first element matching {@code selector} (scrolled into view) with a real left
   * mouse press and release at its centre, then waits for the page the click loads.
   */
  void clickAndWaitForLoad(String selector) throws InterruptedException {
    JsonNode point = evaluate("(() => { const e = document.querySelector(" + JSON.valueToTree(selector)
        + "); if (!e) return null; e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
        + " return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()");
    if (point == null || point.isNull()) {
      fail("nothing on the page matches " + selector);
    }
    events.clear();
    double x = point.path("x").asDouble();
    double y = point.path("y").asDouble();
    mouse("mouseMoved", x, y);
    mouse("mousePressed", x, y);
    mouse("mouseReleased", x, y);
    awaitEvent("Page.loadEventFired");
  }

  /** The current DOM as HTML. */
  String dom() {
    return evaluate("document.documentElement.outerHTML").asText();
  }

  /** A PNG screenshot of the current page. */
  void screenshot(Path png) throws IOException {
    JsonNode shot = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png"));
    Files.write(png, Base64.getDecoder().decode(shot.path("data").asText()));
  }

  private void mouse(String type, double x, double y) {
    call("Input.dispatchMouseEvent", JSON.createObjectNode().put("type", type).put("x", x).put("y", y)
        .put("button", "left").put("buttons", "mouseMoved".equals(type) ? 0 : 1).put("clickCount", 1));
  }

  private JsonNode evaluate(String expression) {
    JsonNode result = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
        .put("returnByValue", true));
    if (result.has("exceptionDetails")) {
      fail("page script failed: " + result.path("exceptionDetails"));
    }
    return result.path("result").path("value");
  }

  private JsonNode call(String method, ObjectNode params) {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", params);
    socket.sendText(message.toString(), true).join();
    JsonNode reply = answer.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    if (reply.has("error")) {
      fail(method + " failed: " + reply.path("error"));
    }
    return reply.path("result");
  }

  private void awaitEvent(String method) throws InterruptedException {
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      JsonNode event = events.poll(200, TimeUnit.MILLISECONDS);
      if (event != null && method.equals(event.path("method").asText())) {
        return;
      }
    }
    fail("no " + method + " within " + TIMEOUT.toSeconds() + " s");
  }

  private void received(String text) {
    try {
      JsonNode message = JSON.readTree(text);
      if (message.has("id")) {
        CompletableFuture<JsonNode> answer = pending.remove(message.path("id").asInt());
        if (answer != null) {
          answer.complete(message);
        }
      } else {
        events.add(message);
      }
    } catch (IOException e) {
      events.add(JSON.createObjectNode().put("method", "unreadable").put("text", text));
    }
  }

  @Override
  public void close() throws InterruptedException {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
      HeadlessChromium.deleteTree(profile);
    }
  }

  /** Joins a message's fragments and hands it to the browser. */
  private static final class Listener implements WebSocket.Listener {
    private final List<CharSequence> parts = new ArrayList<>();
    private volatile DevToolsBrowser browser;

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      parts.add(data);
      if (last) {
        String text = String.join("", parts);
        parts.clear();
        if (browser != null) {
          browser.received(text);
        }
      }
      webSocket.request(1);
      return null;
    }
  }
}
