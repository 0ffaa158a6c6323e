package io.klaxon.launcher.parts;

import io.klaxon.launcher.Part;
import io.klaxon.launcher.PartKind;
import io.klaxon.launcher.RunMode;
import io.klaxon.ops.Env;
import io.klaxon.ops.Health;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The entry point of a custom part: a component of the caller's, e.g. a reference application a
 * benchmark compares Klaxon with, started the way Klaxon's own parts are (in-process or as its own
 * process, with its log, pid, CPU and memory figures). The class named by {@code
 * CUSTOM_PART_CLASS} must be on the launcher's class path and have a {@code public static
 * AutoCloseable start(Env)} that starts the component, returns once it is ready, and returns what
 * stops it.
 *
 * <pre>
 * CUSTOM_PART_CLASS  (required)  the class whose static start(Env) runs
 * HEALTH_PORT        0           /health/ready: up once start(Env) has returned
 * </pre>
 *
 * The component gets the part's whole environment.
 */
public final class CustomPart {
  /** The class whose {@code start(Env)} runs. */
  public static final String CLASS = "CUSTOM_PART_CLASS";

  private CustomPart() {}

  /**
   * A part that runs {@code entryPoint}'s {@code start(Env)} with {@code env}, its readiness on
   * 127.0.0.1:{@code healthPort}.
   */
  public static Part part(String name, Class<?> entryPoint, RunMode mode, Map<String, String> env,
      List<String> jvmFlags, int healthPort) {
    Map<String, String> variables = new LinkedHashMap<>(env);
    variables.put(CLASS, entryPoint.getName());
    variables.put(HealthEndpoint.PORT, Integer.toString(healthPort));
    return new Part(name, PartKind.CUSTOM, mode, variables, jvmFlags, Map.of("health", healthPort),
        URI.create("http://127.0.0.1:" + healthPort + "/health/ready"));
  }

  /**
   * Starts the named class's component, then the health endpoint.
   *
   * @throws IllegalArgumentException when the class is missing or has no {@code public static
   *     AutoCloseable start(Env)}
   * @throws Exception what the component's {@code start} throws
   */
  public static AutoCloseable start(Env env) throws Exception {
    String className = env.required(CLASS);
    Method start = entryPoint(className);
    return Stopper.startAll(stopper -> {
      stopper.add(invoke(start, env));
      stopper.add(HealthEndpoint.start(env, () -> Health.up(className + " started")));
    });
  }

  private static Method entryPoint(String className) {
    try {
      Method start = Class.forName(className, true, Thread.currentThread().getContextClassLoader())
          .getMethod("start", Env.class);
      if (!Modifier.isStatic(start.getModifiers()) || !AutoCloseable.class.isAssignableFrom(start.getReturnType())) {
        throw new IllegalArgumentException(CLASS + ": " + className + ".start(Env) must be static and return an"
            + " AutoCloseable");
      }
      return start;
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException(CLASS + ": no class " + className + " on the class path", e);
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(CLASS + ": " + className + " has no public static start(Env)", e);
    }
  }

  private static AutoCloseable invoke(Method start, Env env) throws Exception {
    try {
      return (AutoCloseable) start.invoke(null, env);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }
}
