package dev.skillrt.manifest.internal;

import static dev.skillrt.manifest.internal.TreeReader.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skillrt.api.DataSize;
import dev.skillrt.api.Mount;
import dev.skillrt.api.SandboxMode;
import dev.skillrt.api.WasmMode;
import dev.skillrt.api.internal.Echo;
import dev.skillrt.manifest.DockerSettings;
import dev.skillrt.manifest.NativeSettings;
import dev.skillrt.manifest.WasmSettings;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** Reads the runtime tables ({@code docker}, {@code native}, {@code wasm}) and path grants of a skill. */
final class SkillPartsReader {

  static final List<String> DOCKER_KEYS =
      List.of(
          "image", "entrypoint", "command", "volumes", "working_dir", "environment", "memory",
          "cpus", "network", "rm", "user", "gpus", "read_only", "platform", "extra_args");
  static final List<String> NATIVE_KEYS =
      List.of("command", "allowed_commands", "env_passthrough", "sandbox");
  static final List<String> WASM_KEYS = List.of("module", "mode");

  private final TreeReader tree;
  private final Path baseDirectory;

  SkillPartsReader(TreeReader tree, Path baseDirectory) {
    this.tree = tree;
    this.baseDirectory = baseDirectory;
  }

  DockerSettings docker(ObjectNode node, List<String> p, String source) {
    tree.checkKeys(node, p, DOCKER_KEYS);
    String image =
        tree.string(node, path(p, "image"))
            .orElseGet(
                () -> {
                  if (source.startsWith("docker:") && !source.substring(7).isBlank()) {
                    return source.substring(7);
                  }
                  if (!node.has("image")) {
                    tree.problem(path(p, "image"), "missing key \"image\" in [" + TreeReader.dotted(p) + "]: name the image, e.g. image = \"python:3.12-slim\" (or write source = \"docker:IMAGE\")");
                  }
                  return "invalid";
                });
    if (image.isBlank()) {
      tree.problem(path(p, "image"), TreeReader.dotted(path(p, "image")) + " must name an image, found an empty string");
    }
    List<String> entrypoint = List.of();
    JsonNode ep = node.get("entrypoint");
    if (ep != null && ep.isTextual()) {
      entrypoint = tree.string(node, path(p, "entrypoint")).map(List::of).orElse(List.of());
    } else if (ep != null) {
      entrypoint = tree.strings(node, path(p, "entrypoint")).orElse(List.of());
    }
    List<String> command = tree.strings(node, path(p, "command")).orElse(List.of());
    List<Mount> volumes = new ArrayList<>();
    List<String> rawVolumes = tree.strings(node, path(p, "volumes")).orElse(List.of());
    for (int i = 0; i < rawVolumes.size(); i++) {
      mount(rawVolumes.get(i), path(p, "volumes", "[" + i + "]"), false).ifPresent(volumes::add);
    }
    Map<String, String> env = new LinkedHashMap<>();
    List<String> rawEnv = tree.strings(node, path(p, "environment")).orElse(List.of());
    for (int i = 0; i < rawEnv.size(); i++) {
      String entry = rawEnv.get(i);
      int eq = entry.indexOf('=');
      if (eq <= 0 || !entry.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_]*")) {
        tree.problem(path(p, "environment", "[" + i + "]"), "environment entries are \"NAME=VALUE\" with NAME of letters, digits and _");
      } else {
        env.put(entry.substring(0, eq), entry.substring(eq + 1));
      }
    }
    Optional<DataSize> memory = Optional.empty();
    List<String> mp = path(p, "memory");
    Optional<String> rawMemory = tree.scalar(node, mp, "a size such as \"512m\"");
    if (rawMemory.isPresent()) {
      try {
        memory = Optional.of(DataSize.parse(rawMemory.get()));
        if (memory.get().bytes() == 0) {
          throw new IllegalArgumentException("zero");
        }
      } catch (RuntimeException e) {
        memory = Optional.empty();
        tree.problem(mp, TreeReader.dotted(mp) + " must be a positive size such as \"512m\", found " + Echo.quoted(rawMemory.get()));
      }
    }
    OptionalDouble cpus = OptionalDouble.empty();
    List<String> cp = path(p, "cpus");
    Optional<String> rawCpus = tree.scalar(node, cp, "a number such as \"2.0\"");
    if (rawCpus.isPresent()) {
      try {
        double d = Double.parseDouble(rawCpus.get().trim());
        if (!(d > 0) || Double.isInfinite(d)) {
          throw new NumberFormatException();
        }
        cpus = OptionalDouble.of(d);
      } catch (NumberFormatException e) {
        tree.problem(cp, TreeReader.dotted(cp) + " must be a positive number such as \"2.0\", found " + Echo.quoted(rawCpus.get()));
      }
    }
    return new DockerSettings(
        image,
        entrypoint,
        command,
        volumes,
        tree.string(node, path(p, "working_dir")),
        env,
        memory,
        cpus,
        tree.string(node, path(p, "network")),
        tree.bool(node, path(p, "rm")).orElse(true),
        tree.string(node, path(p, "user")),
        tree.string(node, path(p, "gpus")),
        tree.bool(node, path(p, "read_only")).orElse(true),
        tree.string(node, path(p, "platform")),
        tree.strings(node, path(p, "extra_args")).orElse(List.of()));
  }

  Optional<NativeSettings> nativeSettings(ObjectNode node, List<String> p) {
    tree.checkKeys(node, p, NATIVE_KEYS);
    String command = tree.requiredString(node, path(p, "command"), "name the program, e.g. command = \"git\"");
    List<String> allowed = tree.strings(node, path(p, "allowed_commands")).orElse(List.of(command));
    List<String> passthrough = tree.strings(node, path(p, "env_passthrough")).orElse(List.of());
    SandboxMode sandbox =
        tree.string(node, path(p, "sandbox"))
            .flatMap(s -> choice(s, path(p, "sandbox"), SandboxMode.class))
            .orElse(SandboxMode.AUTO);
    if (command.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> program = programPath(command, path(p, "command"));
    List<String> allowedPrograms = new ArrayList<>();
    for (int i = 0; i < allowed.size(); i++) {
      programPath(allowed.get(i), path(p, "allowed_commands", "[" + i + "]"))
          .ifPresent(allowedPrograms::add);
    }
    return program.map(
        prog -> new NativeSettings(command, prog, allowedPrograms, passthrough, sandbox));
  }

  /**
   * A program as the native runtime gets it: a path with a slash is resolved against the
   * manifest's folder; a bare name is left as it is, for the runtime to look up on its own search
   * path (never on the loader's PATH, which a local user may control).
   */
  private Optional<String> programPath(String program, List<String> p) {
    if (!program.contains("/")) {
      return Optional.of(program);
    }
    return resolveFile(program, p).map(Path::toString);
  }

  Optional<WasmSettings> wasm(ObjectNode skill, List<String> skillPath, String source) {
    List<String> p = path(skillPath, "wasm");
    Optional<ObjectNode> node = tree.table(skill, p);
    node.ifPresent(n -> tree.checkKeys(n, p, WASM_KEYS));
    Optional<String> module = node.flatMap(n -> tree.string(n, path(p, "module")));
    WasmMode mode =
        node.flatMap(n -> tree.string(n, path(p, "mode")))
            .flatMap(s -> choice(s, path(p, "mode"), WasmMode.class))
            .orElse(WasmMode.COMPILED);
    Optional<Path> modulePath = Optional.empty();
    if (module.isPresent()) {
      modulePath = resolveFile(module.get(), path(p, "module"));
      if (modulePath.isPresent() && !Files.isRegularFile(modulePath.get())) {
        tree.problem(path(p, "module"), "the module file " + Echo.of(modulePath.get().toString()) + " does not exist");
      }
    } else if (source.endsWith(".wasm")) {
      modulePath = resolveFile(source, path(skillPath, "source"));
    }
    if (node.isEmpty() && modulePath.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new WasmSettings(modulePath, mode));
  }

  private Optional<Path> resolveFile(String file, List<String> p) {
    try {
      return Optional.of(baseDirectory.resolve(file).toAbsolutePath().normalize());
    } catch (InvalidPathException e) {
      tree.problem(p, Echo.quoted(file) + " is not a valid path");
      return Optional.empty();
    }
  }

  /** {@code HOST}, {@code HOST:GUEST} or {@code HOST:GUEST:ro|rw}. */
  Optional<Mount> mount(String spec, List<String> p, boolean readOnlyByDefault) {
    String[] parts = spec.split(":", -1);
    if (spec.isEmpty() || parts.length > 3 || parts[0].isEmpty()) {
      tree.problem(p, "a path grant is \"HOST\", \"HOST:GUEST\" or \"HOST:GUEST:ro|rw\", found " + Echo.quoted(spec));
      return Optional.empty();
    }
    boolean readOnly = readOnlyByDefault;
    if (parts.length == 3) {
      switch (parts[2]) {
        case "ro" -> readOnly = true;
        case "rw" -> readOnly = false;
        default -> {
          tree.problem(p, "the mode of " + Echo.quoted(spec) + " must be ro or rw, found " + Echo.quoted(parts[2]));
          return Optional.empty();
        }
      }
    }
    Optional<Path> host = resolveFile(parts[0], p);
    if (host.isEmpty()) {
      return Optional.empty();
    }
    String guest = parts.length >= 2 && !parts[1].isEmpty() ? parts[1] : host.get().toString();
    if (!guest.startsWith("/")) {
      tree.problem(p, "the guest path of " + Echo.quoted(spec) + " must be absolute (start with /)");
      return Optional.empty();
    }
    return Optional.of(new Mount(host.get(), guest, readOnly));
  }

  <E extends Enum<E>> Optional<E> choice(String value, List<String> p, Class<E> type) {
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      String n = e.name().toLowerCase(Locale.ROOT);
      names.add(n);
      if (n.equals(value)) {
        return Optional.of(e);
      }
    }
    tree.problem(
        p,
        TreeReader.dotted(p) + " must be one of " + String.join(", ", names) + ", found " + Echo.quoted(value)
            + Suggestions.didYouMean(value, names));
    return Optional.empty();
  }
}
