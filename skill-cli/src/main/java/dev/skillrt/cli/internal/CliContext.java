package dev.skillrt.cli.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.skillrt.engine.SkillEngine;
import dev.skillrt.manifest.Manifest;
import dev.skillrt.manifest.ManifestLoader;
import dev.skillrt.spi.SkillRuntimeRegistry;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What every subcommand shares: the streams, the environment, the working folder and the global
 * options. One per command invocation; the global options are set while parsing.
 */
public final class CliContext {

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> environment;
  private final Path workingDirectory;
  private final boolean cancelOnShutdown;
  private @Nullable Path manifest;
  private boolean verbose;
  private @Nullable SkillRuntimeRegistry registry;
  private final List<Path> plugins = new ArrayList<>();
  private final List<Path> skillsDirectories = new ArrayList<>();

  public CliContext(
      InputStream in,
      PrintStream out,
      PrintStream err,
      Map<String, String> environment,
      Path workingDirectory,
      boolean cancelOnShutdown) {
    this.in = in;
    this.out = out;
    this.err = err;
    this.environment = Map.copyOf(environment);
    this.workingDirectory = workingDirectory;
    this.cancelOnShutdown = cancelOnShutdown;
  }

  public void manifest(Path manifest) {
    this.manifest = manifest;
  }

  /** Adds a plugin jar ({@code --plugin}); read before the runtimes are first needed. */
  public void plugin(Path jar) {
    plugins.add(jar);
  }

  /** The folders of Agent Skills folders ({@code --skills-dir}), in the order given. */
  public void skillsDirectories(List<Path> directories) {
    skillsDirectories.clear();
    skillsDirectories.addAll(directories);
  }

  public void verbose(boolean verbose) {
    this.verbose = verbose;
  }

  public InputStream in() {
    return in;
  }

  public PrintStream out() {
    return out;
  }

  public PrintStream err() {
    return err;
  }

  public boolean verbose() {
    return verbose;
  }

  Path workingDirectory() {
    return workingDirectory;
  }

  /** Whether a JVM shutdown (Ctrl-C) should cancel a running call: only in a real process. */
  boolean cancelOnShutdown() {
    return cancelOnShutdown;
  }

  /**
   * The runtimes on the class path and in the plugins ({@link Plugins}); a provider that fails to
   * load is logged as a warning.
   */
  SkillRuntimeRegistry registry() {
    if (registry == null) {
      registry =
          SkillRuntimeRegistry.load(
              Plugins.of(plugins, environment, workingDirectory)
                  .classLoader(SkillCommandClassLoader.get()));
    }
    return registry;
  }

  ManifestLoader loader() {
    return loader(false);
  }

  /**
   * @param strict whether every warning about a skill folder is an error
   */
  ManifestLoader loader(boolean strict) {
    ManifestLoader.Builder b =
        ManifestLoader.builder()
            .environment(environment)
            .workingDirectory(workingDirectory)
            .registry(registry())
            .strict(strict);
    // --skills-dir is relative to the working folder, not to the manifest's
    skillsDirectories.forEach(d -> b.skillsDirectory(workingDirectory.resolve(d)));
    return b.build();
  }

  /**
   * The manifest file: as {@link #locateManifest}, but empty when none is found and {@code
   * --skills-dir} gives the skills instead.
   */
  Optional<Path> manifestFile() {
    if (manifest != null) {
      return Optional.of(manifest);
    }
    Optional<Path> found = loader().find(Optional.empty());
    return found.isPresent() || skillsDirectories.isEmpty()
        ? Optional.of(locateManifest())
        : Optional.empty();
  }

  /**
   * The manifest file to use: {@code --manifest} as given (so messages show the path the user
   * typed), else the one found through {@code SKILL_MANIFEST} or the upward search.
   */
  Path locateManifest() {
    return manifest != null ? manifest : loader().locate(Optional.empty());
  }

  /** Loads the manifest; a {@link dev.skillrt.api.ConfigurationException} lists every problem. */
  Manifest loadManifest() {
    ManifestLoader loader = loader();
    return manifestFile().map(loader::load).orElseGet(loader::loadSkillFoldersOnly);
  }

  /** An engine over the manifest; the caller closes it. */
  SkillEngine engine() {
    return engine(loadManifest());
  }

  SkillEngine engine(Manifest loaded) {
    return engine(loaded, Optional.empty());
  }

  /** An engine over the manifest that also appends audit events to {@code auditFile}. */
  SkillEngine engine(Manifest loaded, Optional<Path> auditFile) {
    SkillEngine.Builder b =
        SkillEngine.builder()
            .registry(registry())
            .environment(environment)
            .workingDirectory(workingDirectory)
            .manifest(loaded);
    auditFile.ifPresent(f -> b.auditFile(workingDirectory.resolve(f)));
    return b.build();
  }

  /** Prints a JSON value to stdout, indented, with a final newline. */
  void printJson(JsonNode value) {
    try {
      out.println(JSON.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
    out.flush();
  }

  /** The class loader that sees the runtimes: the one that loaded the command. */
  private static final class SkillCommandClassLoader {
    static ClassLoader get() {
      ClassLoader own = CliContext.class.getClassLoader();
      return own != null ? own : ClassLoader.getSystemClassLoader();
    }
  }
}
