package dev.skillrt.runtime.wasm;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.DataSize;
import dev.skillrt.api.Problem;
import dev.skillrt.spi.RuntimeConfig;
import dev.skillrt.spi.RuntimeConfigReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Settings of the {@code wasm} runtime, read from a {@link RuntimeConfig} (keys below) or built
 * with {@link #defaults()} and the {@code with*} methods. Immutable.
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><td>{@code cache-dir}</td><td>folder of the on-disk compiled-module cache, or {@code none}
 *       to keep none; default {@code $XDG_CACHE_HOME/skillrt/wasm} (when that variable is an
 *       absolute path), else {@code ~/.cache/skillrt/wasm}. The folder must be the JVM user's own
 *       (see {@code docs/wasm-skills.md}); else the runtime keeps no disk cache and says so</td></tr>
 *   <tr><td>{@code modules-in-memory}</td><td>modules kept parsed and compiled in memory (least
 *       recently used dropped first); default 64</td></tr>
 *   <tr><td>{@code default-memory}</td><td>linear memory cap of a call that sets no memory limit;
 *       default {@code 256m}</td></tr>
 *   <tr><td>{@code max-concurrent-calls}</td><td>calls running at once; more wait; default 256</td></tr>
 *   <tr><td>{@code stack-size}</td><td>JVM stack of each call's thread; default {@code 8m}</td></tr>
 *   <tr><td>{@code stop-grace}</td><td>how long a stopped call may take to end; default {@code 2s}</td></tr>
 *   <tr><td>{@code max-module-size}</td><td>largest module file accepted (checked from the file's
 *       size before reading, and while reading); larger ones are refused (rule {@code
 *       wasm.module-size}); default {@code 16m}</td></tr>
 *   <tr><td>{@code compile-timeout}</td><td>how long compiled-mode calls wait for a module's
 *       compiled form; past it they run the module interpreted until the compiled form is ready;
 *       default {@code 30s}</td></tr>
 * </table>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class WasmRuntimeConfig {

  /**
   * Where the compiled-module cache lives when {@code cache-dir} is not set: {@code
   * $XDG_CACHE_HOME/skillrt/wasm} when that variable is an absolute path, else {@code
   * ${user.home}/.cache/skillrt/wasm}.
   */
  public static final Path DEFAULT_CACHE_DIR =
      defaultCacheDirectory(System.getenv("XDG_CACHE_HOME"), System.getProperty("user.home"));

  /** The largest module file accepted when {@code max-module-size} is not set. */
  private static final DataSize DEFAULT_MAX_MODULE_SIZE = DataSize.ofMebibytes(16);

  /** How long calls wait for a compiled form when {@code compile-timeout} is not set. */
  private static final Duration DEFAULT_COMPILE_TIMEOUT = Duration.ofSeconds(30);

  private static final DataSize MAX_MODULE_SIZE_CEILING = DataSize.ofGibibytes(1);

  private static final WasmRuntimeConfig DEFAULTS =
      new WasmRuntimeConfig(
          DEFAULT_CACHE_DIR,
          64,
          DataSize.ofMebibytes(256),
          256,
          DataSize.ofMebibytes(8),
          Duration.ofSeconds(2),
          DEFAULT_MAX_MODULE_SIZE,
          DEFAULT_COMPILE_TIMEOUT);

  private final @Nullable Path cacheDirectory;
  private final int modulesInMemory;
  private final DataSize defaultMemory;
  private final int maxConcurrentCalls;
  private final DataSize stackSize;
  private final Duration stopGrace;
  private final DataSize maxModuleSize;
  private final Duration compileTimeout;

  private WasmRuntimeConfig(
      @Nullable Path cacheDirectory,
      int modulesInMemory,
      DataSize defaultMemory,
      int maxConcurrentCalls,
      DataSize stackSize,
      Duration stopGrace,
      DataSize maxModuleSize,
      Duration compileTimeout) {
    this.cacheDirectory = cacheDirectory;
    this.modulesInMemory = modulesInMemory;
    this.defaultMemory = defaultMemory;
    this.maxConcurrentCalls = maxConcurrentCalls;
    this.stackSize = stackSize;
    this.stopGrace = stopGrace;
    this.maxModuleSize = maxModuleSize;
    this.compileTimeout = compileTimeout;
  }

  /** The user's own cache folder, as the XDG base directory specification places it. */
  static Path defaultCacheDirectory(@Nullable String xdgCacheHome, String userHome) {
    if (xdgCacheHome != null && !xdgCacheHome.isBlank()) {
      try {
        Path xdg = Path.of(xdgCacheHome);
        if (xdg.isAbsolute()) {
          return xdg.resolve("skillrt").resolve("wasm");
        }
      } catch (java.nio.file.InvalidPathException e) {
        // not a usable path: the specification says to ignore it
      }
    }
    return Path.of(userHome, ".cache", "skillrt", "wasm");
  }

  public static WasmRuntimeConfig defaults() {
    return DEFAULTS;
  }

  /**
   * Reads the keys listed above.
   *
   * @throws ConfigurationException naming every bad key and value at once
   */
  public static WasmRuntimeConfig from(RuntimeConfig config) {
    RuntimeConfigReader r = config.reader("wasm");
    String dir = r.string("cache-dir", DEFAULT_CACHE_DIR.toString()).trim();
    Path cacheDir = dir.equalsIgnoreCase("none") || dir.isEmpty() ? null : Path.of(dir);
    WasmRuntimeConfig read =
        new WasmRuntimeConfig(
            cacheDir,
            r.integer("modules-in-memory", DEFAULTS.modulesInMemory, 1),
            r.size("default-memory", DEFAULTS.defaultMemory),
            r.integer("max-concurrent-calls", DEFAULTS.maxConcurrentCalls, 1),
            r.size("stack-size", DEFAULTS.stackSize),
            r.duration("stop-grace", DEFAULTS.stopGrace),
            r.size("max-module-size", DEFAULTS.maxModuleSize),
            r.duration("compile-timeout", DEFAULTS.compileTimeout));
    read.check(r::problem);
    r.finish();
    return read;
  }

  private WasmRuntimeConfig validated() {
    List<Problem> problems = new ArrayList<>();
    check((key, message) -> problems.add(Problem.of("wasm setting '" + key + "' " + message)));
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    return this;
  }

  private void check(BiConsumer<String, String> problems) {
    if (modulesInMemory < 1) {
      problems.accept("modules-in-memory", "must be at least 1, was " + modulesInMemory);
    }
    if (defaultMemory.bytes() < 65536) {
      problems.accept("default-memory", "must be at least 64k (one page), was " + defaultMemory);
    }
    if (maxConcurrentCalls < 1) {
      problems.accept("max-concurrent-calls", "must be at least 1, was " + maxConcurrentCalls);
    }
    if (stackSize.bytes() < 256 * 1024) {
      problems.accept("stack-size", "must be at least 256k, was " + stackSize);
    }
    if (stopGrace.isNegative() || stopGrace.isZero()) {
      problems.accept("stop-grace", "must be positive, was " + stopGrace);
    }
    if (maxModuleSize.bytes() < 1024 || maxModuleSize.compareTo(MAX_MODULE_SIZE_CEILING) > 0) {
      problems.accept(
          "max-module-size",
          "must be between 1k and " + MAX_MODULE_SIZE_CEILING + ", was " + maxModuleSize);
    }
    if (compileTimeout.isNegative() || compileTimeout.isZero() || compileTimeout.toHours() >= 24) {
      problems.accept("compile-timeout", "must be positive and under 24h, was " + compileTimeout);
    }
  }

  /** The on-disk cache folder; empty when the disk cache is off. */
  public Optional<Path> cacheDirectory() {
    return Optional.ofNullable(cacheDirectory);
  }

  public int modulesInMemory() {
    return modulesInMemory;
  }

  public DataSize defaultMemory() {
    return defaultMemory;
  }

  public int maxConcurrentCalls() {
    return maxConcurrentCalls;
  }

  public DataSize stackSize() {
    return stackSize;
  }

  public Duration stopGrace() {
    return stopGrace;
  }

  /** The largest module file the runtime reads; larger ones are refused. */
  public DataSize maxModuleSize() {
    return maxModuleSize;
  }

  /**
   * How long compiled-mode calls wait for a module's compiled form (counted from when the first
   * call asked for it) before running the module interpreted until the compiled form is ready.
   */
  public Duration compileTimeout() {
    return compileTimeout;
  }

  public WasmRuntimeConfig withCacheDirectory(Path directory) {
    return new WasmRuntimeConfig(
        directory,
        modulesInMemory,
        defaultMemory,
        maxConcurrentCalls,
        stackSize,
        stopGrace,
        maxModuleSize,
        compileTimeout);
  }

  public WasmRuntimeConfig withoutDiskCache() {
    return new WasmRuntimeConfig(
        null,
        modulesInMemory,
        defaultMemory,
        maxConcurrentCalls,
        stackSize,
        stopGrace,
        maxModuleSize,
        compileTimeout);
  }

  public WasmRuntimeConfig withDefaultMemory(DataSize memory) {
    return new WasmRuntimeConfig(
            cacheDirectory,
            modulesInMemory,
            memory,
            maxConcurrentCalls,
            stackSize,
            stopGrace,
            maxModuleSize,
            compileTimeout)
        .validated();
  }

  public WasmRuntimeConfig withMaxModuleSize(DataSize size) {
    return new WasmRuntimeConfig(
            cacheDirectory,
            modulesInMemory,
            defaultMemory,
            maxConcurrentCalls,
            stackSize,
            stopGrace,
            size,
            compileTimeout)
        .validated();
  }

  public WasmRuntimeConfig withCompileTimeout(Duration timeout) {
    return new WasmRuntimeConfig(
            cacheDirectory,
            modulesInMemory,
            defaultMemory,
            maxConcurrentCalls,
            stackSize,
            stopGrace,
            maxModuleSize,
            timeout)
        .validated();
  }

  @Override
  public String toString() {
    return "WasmRuntimeConfig{cacheDir="
        + (cacheDirectory == null ? "none" : cacheDirectory)
        + ", modulesInMemory="
        + modulesInMemory
        + ", defaultMemory="
        + defaultMemory
        + ", maxConcurrentCalls="
        + maxConcurrentCalls
        + ", stackSize="
        + stackSize
        + ", stopGrace="
        + stopGrace
        + ", maxModuleSize="
        + maxModuleSize
        + ", compileTimeout="
        + compileTimeout
        + "}";
  }
}
