package dev.skillrt.manifest;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.Problem;
import dev.skillrt.api.internal.Echo;
import dev.skillrt.manifest.internal.AgentSkillOptions;
import dev.skillrt.manifest.internal.ManifestReader;
import dev.skillrt.manifest.internal.SharingNodeFactory;
import dev.skillrt.manifest.internal.TomlOnePassReader;
import dev.skillrt.manifest.internal.TomlPositions;
import dev.skillrt.manifest.internal.TreeReader;
import dev.skillrt.manifest.internal.VariableExpander;
import dev.skillrt.spi.SkillRuntimeRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Finds, reads, expands and validates a manifest. Every problem in a file is reported at once in
 * one {@link ConfigurationException}, each with file, line and column.
 *
 * <p>Immutable and thread-safe; build with {@link #builder()}.
 *
 * <pre>{@code
 * Manifest m = ManifestLoader.builder().registry(SkillRuntimeRegistry.load()).build().load(path);
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ManifestLoader {

  /** The environment variable naming the manifest when no path is given. */
  public static final String MANIFEST_VARIABLE = "SKILL_MANIFEST";

  /** The file names looked for from the working directory upward, in order. */
  public static final List<String> FILE_NAMES = List.of(".skill-engine.toml", "skill-engine.toml");

  private static final TomlMapper TOML = new TomlMapper();

  private final Map<String, String> environment;
  private final Path workingDirectory;
  private final SkillRuntimeRegistry registry;
  private final AgentSkillOptions agentSkills;

  private ManifestLoader(Builder b) {
    this.agentSkills = new AgentSkillOptions(b.skillsDirectories, b.strict);
    this.environment = Map.copyOf(b.environment);
    this.workingDirectory = b.workingDirectory.toAbsolutePath().normalize();
    this.registry = b.registry != null ? b.registry : SkillRuntimeRegistry.load();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A loader with the process environment and working directory, and the runtimes found on the
   * class path.
   */
  public static ManifestLoader defaults() {
    return builder().build();
  }

  /**
   * The manifest file to use: {@code explicit} when given, else {@code $SKILL_MANIFEST}, else the
   * first {@code .skill-engine.toml} or {@code skill-engine.toml} from the working directory up.
   *
   * @throws ConfigurationException when none is found, saying where it looked
   */
  public Path locate(Optional<Path> explicit) {
    return find(explicit).orElseThrow(this::noManifest);
  }

  /** {@link #locate}, empty instead of an exception when no manifest is found. */
  public Optional<Path> find(Optional<Path> explicit) {
    if (explicit.isPresent()) {
      return Optional.of(workingDirectory.resolve(explicit.get()).normalize());
    }
    String fromEnv = environment.get(MANIFEST_VARIABLE);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Optional.of(workingDirectory.resolve(fromEnv).normalize());
    }
    for (Path dir = workingDirectory; dir != null; dir = dir.getParent()) {
      for (String name : FILE_NAMES) {
        Path candidate = dir.resolve(name);
        if (Files.isRegularFile(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  private ConfigurationException noManifest() {
    return new ConfigurationException(
        "no manifest found: no path was given, "
            + MANIFEST_VARIABLE
            + " is not set, and no "
            + String.join(" or ", FILE_NAMES)
            + " exists in "
            + workingDirectory
            + " or any folder above it; create one or pass its path");
  }

  /**
   * {@link #locate} then {@link #load(Path)}; when no manifest is found but {@linkplain
   * Builder#skillsDirectory skill folders} are given, {@link #loadSkillFoldersOnly()}.
   */
  public Manifest load(Optional<Path> explicit) {
    Optional<Path> found = find(explicit);
    if (found.isEmpty() && !agentSkills.directories().isEmpty()) {
      return loadSkillFoldersOnly();
    }
    return load(found.orElseThrow(this::noManifest));
  }

  /**
   * Reads a manifest file.
   *
   * @throws ConfigurationException with every problem found
   */
  public Manifest load(Path file) {
    Path absolute = workingDirectory.resolve(file).normalize();
    return parse(text(file, read(file, absolute)), file.toString(), absolute);
  }

  /**
   * The text of the bytes, which must be UTF-8. Decoded straight into a string: only text that
   * holds a replacement character is decoded again, strictly, to tell a written one from a byte
   * that is not UTF-8 (a strict decoder would copy the whole text through a char buffer first).
   */
  private static String text(Path file, byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.indexOf('\uFFFD') < 0) {
      return text;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ConfigurationException(
          List.of(new Problem(file.toString(), 0, 0, "the manifest is not valid UTF-8 text")));
    }
  }

  /**
   * The bytes of a manifest file: only a regular file (checked before opening, so a FIFO cannot
   * block the read), and at most {@link ManifestMaxima#MANIFEST_FILE}.
   */
  private static byte[] read(Path file, Path absolute) {
    String name = Echo.of(file.toString());
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(absolute, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw unreadable(file, "cannot read the manifest " + name + ": no such file; check the path");
    } catch (IOException e) {
      throw unreadable(
          file,
          "cannot read the manifest " + name + ": " + Echo.of(String.valueOf(e.getMessage())));
    }
    if (!attributes.isRegularFile()) {
      String kind =
          attributes.isDirectory() ? "a folder" : "not a regular file (a device, pipe or socket)";
      throw unreadable(
          file,
          "the manifest "
              + name
              + " is "
              + kind
              + "; give the path of a TOML file, such as skill-engine.toml");
    }
    long max = ManifestMaxima.MANIFEST_FILE.bytes();
    String tooLarge =
        "the manifest "
            + name
            + " is larger than "
            + (max >> 20)
            + " MiB"
            + ", the most a manifest may be; split it or remove what it does not need";
    if (attributes.size() > max) {
      throw unreadable(file, tooLarge);
    }
    try (InputStream in = Files.newInputStream(absolute)) {
      // read into an array of the size found, and past it only when the file has grown since
      byte[] bytes = new byte[(int) attributes.size()];
      int n = in.readNBytes(bytes, 0, bytes.length);
      if (n < bytes.length) {
        return java.util.Arrays.copyOf(bytes, n);
      }
      byte[] more = in.readNBytes((int) (max - n) + 1);
      if (more.length == 0) {
        return bytes;
      }
      if (n + more.length > max) {
        throw unreadable(file, tooLarge);
      }
      byte[] all = java.util.Arrays.copyOf(bytes, n + more.length);
      System.arraycopy(more, 0, all, n, more.length);
      return all;
    } catch (IOException e) {
      throw unreadable(
          file,
          "cannot read the manifest " + name + ": " + Echo.of(String.valueOf(e.getMessage())));
    }
  }

  private static ConfigurationException unreadable(Path file, String message) {
    return new ConfigurationException(List.of(new Problem(file.toString(), 0, 0, message)));
  }

  /**
   * Reads manifest text.
   *
   * @param text the TOML text
   * @param sourceName the name used in problems (usually the file path)
   * @param file the file it stands for; relative paths resolve against its folder
   */
  public Manifest parse(String text, String sourceName, Path file) {
    Path absolute = workingDirectory.resolve(file).normalize();
    Optional<TomlOnePassReader.Result> read =
        TomlOnePassReader.read(text, new SharingNodeFactory());
    // Jackson first: the positions scan follows only text that Jackson has read
    ObjectNode root = read.isPresent() ? read.get().root() : jacksonTree(text, sourceName);
    TreeReader tree =
        new TreeReader(
            sourceName,
            read.isPresent() ? read.get().positions() : TomlPositions.scan(text),
            new VariableExpander(environment));
    Path base = absolute.getParent() != null ? absolute.getParent() : absolute;
    Optional<Manifest> manifest =
        new ManifestReader(tree, base, registry, agentSkills).read(absolute, root);
    List<Problem> problems = tree.problems();
    if (!problems.isEmpty() || manifest.isEmpty()) {
      throw new ConfigurationException(
          problems.isEmpty()
              ? List.of(new Problem(sourceName, 0, 0, "the manifest is unusable"))
              : problems);
    }
    return manifest.get();
  }

  /**
   * The tree of a text the one-pass reader does not take: Jackson reads it, and says what is wrong
   * with it.
   */
  private static ObjectNode jacksonTree(String text, String sourceName) {
    JsonNode root;
    try {
      root = TOML.reader().with(new SharingNodeFactory()).readTree(text);
    } catch (JacksonException e) {
      boolean aboutADuplicate =
          String.valueOf(e.getOriginalMessage())
              .toLowerCase(java.util.Locale.ROOT)
              .contains("duplicate");
      Optional<TomlPositions.Duplicate> duplicate =
          aboutADuplicate ? TomlPositions.scan(text).firstDuplicate() : Optional.empty();
      if (duplicate.isPresent()) {
        TomlPositions.Duplicate d = duplicate.get();
        String key = TreeReader.dotted(d.key());
        throw new ConfigurationException(
            List.of(
                new Problem(
                    sourceName,
                    d.again().line(),
                    d.again().column(),
                    "duplicate key "
                        + key
                        + ": it is already set at line "
                        + d.first().line()
                        + "; keep one of the two")));
      }
      JsonLocation loc = e.getLocation();
      int line = loc == null ? 0 : Math.max(loc.getLineNr(), 0);
      int column = loc == null ? 0 : Math.max(loc.getColumnNr(), 0);
      throw new ConfigurationException(
          List.of(
              new Problem(
                  sourceName,
                  line,
                  column,
                  "TOML syntax error: "
                      + e.getOriginalMessage()
                      + "; fix the syntax (see https://toml.io)")));
    }
    return root != null && root.isObject() ? (ObjectNode) root : TOML.createObjectNode();
  }

  /**
   * A manifest with no file: only the skill folders given with {@link
   * Builder#skillsDirectory(Path)}, relative to the working directory.
   *
   * @throws ConfigurationException with every problem found in the folders
   */
  public Manifest loadSkillFoldersOnly() {
    return parse("", "(no manifest)", workingDirectory.resolve(FILE_NAMES.get(1)));
  }

  /** Builds a {@link ManifestLoader}. */
  public static final class Builder {
    private Map<String, String> environment = System.getenv();
    private Path workingDirectory = Path.of("").toAbsolutePath();
    private @Nullable SkillRuntimeRegistry registry;
    private final java.util.List<Path> skillsDirectories = new java.util.ArrayList<>();
    private boolean strict;

    private Builder() {}

    /**
     * One more folder of Agent Skills folders, besides those {@code [agent_skills] paths} names
     * (relative paths resolve against the manifest's folder).
     */
    public Builder skillsDirectory(Path directory) {
      this.skillsDirectories.add(java.util.Objects.requireNonNull(directory, "directory"));
      return this;
    }

    /** Whether every warning about an Agent Skills folder is an error (default: lenient). */
    public Builder strict(boolean strict) {
      this.strict = strict;
      return this;
    }

    /** The variables {@code ${VAR}} expands from (default: the process's). */
    public Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(environment);
      return this;
    }

    /** Where discovery starts and relative paths given to the loader resolve. */
    public Builder workingDirectory(Path workingDirectory) {
      this.workingDirectory = workingDirectory;
      return this;
    }

    /**
     * The runtimes whose providers read the skills' runtime tables (default: {@link
     * SkillRuntimeRegistry#load()}). A skill routed to a runtime not in it loads as unavailable.
     */
    public Builder registry(SkillRuntimeRegistry registry) {
      this.registry = java.util.Objects.requireNonNull(registry, "registry");
      return this;
    }

    public ManifestLoader build() {
      return new ManifestLoader(this);
    }
  }
}
