package io.klaxon.launcher.parts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klaxon.launcher.Deployment;
import io.klaxon.launcher.Launcher;
import io.klaxon.launcher.Part;
import io.klaxon.launcher.PortPlan;
import io.klaxon.launcher.RunMode;
import io.klaxon.ops.Env;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CustomPartTest {
  private static final Path DIR = Path.of("target", "custom-part-test");

  /** A component of the caller's: remembers the environment it got and whether it was stopped. */
  public static final class Component implements AutoCloseable {
    static final AtomicReference<String> greeting = new AtomicReference<>();
    static final AtomicReference<Boolean> stopped = new AtomicReference<>(false);

    public static AutoCloseable start(Env env) {
      greeting.set(env.required("GREETING"));
      stopped.set(false);
      return new Component();
    }

    @Override
    public void close() {
      stopped.set(true);
    }
  }

  /** Has a start method, but not a static one returning what stops it. */
  public static final class NotAnEntryPoint {
    public String start(Env env) {
      return "no";
    }
  }

  @Test
  void runsTheNamedClassWithThePartsEnvironmentAndAnswersReadyUntilStopped() throws Exception {
    Part part = CustomPart.part("reference", Component.class, RunMode.IN_PROCESS, Map.of("GREETING", "hello"),
        List.of(), PortPlan.free().port("health"));

    try (Launcher launcher = Launcher.start(deployment(part), line -> { })) {
      assertThat(Component.greeting.get()).isEqualTo("hello");
      assertThat(launcher.health("reference").up()).isTrue();
      launcher.stop("reference");
      assertThat(Component.stopped.get()).isTrue();
      assertThat(launcher.health("reference").up()).isFalse();
    }
  }

  @Test
  void refusesAClassThatIsMissingOrHasNoEntryPoint() {
    assertThatThrownBy(() -> CustomPart.start(Env.of(Map.of(CustomPart.CLASS, "io.klaxon.NoSuchClass"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no class io.klaxon.NoSuchClass");
    assertThatThrownBy(() -> CustomPart.start(Env.of(Map.of(CustomPart.CLASS, NotAnEntryPoint.class.getName()))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be static");
  }

  private static Deployment deployment(Part part) {
    return new Deployment(DIR, false, "127.0.0.1:9", "http://127.0.0.1:9", List.of(), List.of(part));
  }
}
