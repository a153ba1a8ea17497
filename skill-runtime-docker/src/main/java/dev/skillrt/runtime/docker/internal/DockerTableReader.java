package dev.skillrt.runtime.docker.internal;

import dev.skillrt.api.Mount;
import dev.skillrt.spi.SettingsInput;
import dev.skillrt.spi.SettingsTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Reads the upstream {@code [skills.NAME.docker]} table into {@link DockerSettings}, every problem
 * located.
 */
public final class DockerTableReader {

  /** The keys of the table. */
  public static final List<String> KEYS =
      List.of(
          "image",
          "entrypoint",
          "command",
          "volumes",
          "working_dir",
          "environment",
          "memory",
          "cpus",
          "network",
          "rm",
          "user",
          "gpus",
          "read_only",
          "platform",
          "extra_args");

  private DockerTableReader() {}

  public static DockerSettings read(SettingsInput input) {
    SettingsTable t = input.table();
    t.checkKeys(KEYS);
    String source = input.source();
    Optional<String> fromSource =
        source.startsWith("docker:") && !source.substring(7).isBlank()
            ? Optional.of(source.substring(7))
            : Optional.empty();
    Optional<String> image = t.string("image").or(() -> fromSource);
    if (t.present() && !t.has("image") && fromSource.isEmpty()) {
      t.problem(
          "missing key \"image\" in ["
              + t.name()
              + "]: name the image, e.g. image = \"python:3.12-slim\""
              + " (or write source = \"docker:IMAGE\")");
      image = Optional.of("invalid");
    }
    if (image.isPresent() && image.get().isBlank()) {
      t.problem("image", t.name() + ".image must name an image, found an empty string");
    }
    List<String> entrypoint = t.stringOrStrings("entrypoint").orElse(List.of());
    Map<String, String> env = new LinkedHashMap<>();
    List<String> rawEnv = t.strings("environment").orElse(List.of());
    for (int i = 0; i < rawEnv.size(); i++) {
      String entry = rawEnv.get(i);
      int eq = entry.indexOf('=');
      if (eq <= 0 || !entry.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_]*")) {
        t.problem(
            "environment",
            i,
            "environment entries are \"NAME=VALUE\" with NAME of letters, digits and _");
      } else {
        env.put(entry.substring(0, eq), entry.substring(eq + 1));
      }
    }
    List<Mount> volumes = t.mounts("volumes", false).orElse(List.of());
    OptionalDouble cpus = t.positiveNumber("cpus");
    return new DockerSettings(
        image,
        entrypoint,
        t.strings("command").orElse(List.of()),
        volumes,
        t.string("working_dir"),
        env,
        t.size("memory", true),
        cpus,
        t.string("network"),
        t.bool("rm").orElse(true),
        t.string("user"),
        t.string("gpus"),
        t.bool("read_only").orElse(true),
        t.string("platform"),
        t.strings("extra_args").orElse(List.of()),
        t.location(),
        input.skill());
  }
}
