package dev.skillrt.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the {@code skill} command in-process with captured streams, as a user would type it. */
final class Cli {

  /** What the user would see. */
  record Outcome(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  private Cli() {}

  static Path examples() {
    return Path.of(System.getProperty("skillrt.examples", "../examples"))
        .toAbsolutePath()
        .normalize();
  }

  static Path testManifest(String name) {
    try {
      return Path.of(Cli.class.getResource("/manifests/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("HOME", System.getProperty("user.home"));
    return env;
  }

  static Outcome run(String... args) {
    return run(environment(), Path.of("").toAbsolutePath(), "", args);
  }

  static Outcome run(Map<String, String> env, Path cwd, String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code =
          SkillCommand.execute(
              args,
              new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
              o,
              e,
              env,
              cwd);
    }
    return new Outcome(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
