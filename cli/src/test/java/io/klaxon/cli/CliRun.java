package io.klaxon.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the klaxon command: exit code and what it printed to each stream. */
record CliRun(int code, String out, String err) {

  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = KlaxonCli.run(args, new PrintWriter(out), new PrintWriter(err));
    return new CliRun(code, out.toString(), err.toString());
  }
}
