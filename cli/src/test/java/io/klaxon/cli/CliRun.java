package io.klaxon.cli;

import io.klaxon.ops.Env;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** One in-process run of the klaxon command: exit code and what it printed to each stream. */
record CliRun(int code, String out, String err) {

  static CliRun of(String... args) {
    return run(Env.system(), args);
  }

  /** A run that sees only {@code env} as its environment (the connection variables). */
  static CliRun withEnv(Map<String, String> env, String... args) {
    return run(Env.of(env), args);
  }

  private static CliRun run(Env env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = KlaxonCli.run(args, new PrintWriter(out), new PrintWriter(err), env);
    return new CliRun(code, out.toString(), err.toString());
  }
}
