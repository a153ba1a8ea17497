package dev.skillrt.runtime.wasm.internal;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One parsed module, shared by every call and thread that runs the same content. Its compiled
 * machine factory is built once, on the compiler threads, when a compiled-mode call first asks for
 * it (from the disk cache when an entry is there), and shared from then on; each call builds its
 * own {@link Instance} from it. Thread-safe.
 */
public final class LoadedModule {

  private static final Logger LOG = LoggerFactory.getLogger(LoadedModule.class);

  private final String sha256;
  private final WasmModule module;
  private final ImportMask imports;
  private final @Nullable DiskCompiledCache diskCache;
  private final Executor compilers;
  private final AtomicInteger compiles;
  private final AtomicBoolean overdueReported = new AtomicBoolean();
  private @Nullable CompletableFuture<Function<Instance, Machine>> compiled; // guarded by this
  private long compileRequestedAt; // System.nanoTime(); guarded by this

  LoadedModule(
      String sha256,
      WasmModule module,
      @Nullable DiskCompiledCache diskCache,
      Executor compilers,
      AtomicInteger compiles) {
    this.sha256 = sha256;
    this.module = module;
    this.imports =
        new ImportMask(
            module.importSection().stream()
                .filter(i -> i.importType() == ExternalType.FUNCTION)
                .collect(
                    Collectors.groupingBy(
                        Import::module,
                        Collectors.mapping(Import::name, Collectors.toUnmodifiableSet()))));
    this.diskCache = diskCache;
    this.compilers = compilers;
    this.compiles = compiles;
  }

  /** The sha-256 of the module's bytes, lower-case hex. */
  public String sha256() {
    return sha256;
  }

  public WasmModule module() {
    return module;
  }

  /** Whether the module imports this host function; one it does not import can never be called. */
  public boolean imports(HostFunction function) {
    return imports.imports(function);
  }

  /** For each of {@code functions}, whether the module imports it (see {@link ImportMask}). */
  public boolean[] imports(HostFunction[] functions) {
    return imports.of(functions);
  }

  /** The memory the module declares (its own, not imported), if any. */
  public Optional<MemoryLimits> declaredMemory() {
    return declaredMemory(module);
  }

  static Optional<MemoryLimits> declaredMemory(WasmModule module) {
    return module
        .memorySection()
        .filter(section -> section.memoryCount() > 0)
        .map(section -> section.getMemory(0).limits());
  }

  /**
   * The compiled machine factory: started on the compiler threads on the first request, the same
   * future for every later one. Fails when Chicory cannot compile the module (the module then runs
   * interpreted).
   */
  public synchronized CompletableFuture<Function<Instance, Machine>> compiling() {
    if (compiled == null) {
      compileRequestedAt = System.nanoTime();
      try {
        compiled = CompletableFuture.supplyAsync(this::compile, compilers);
      } catch (RejectedExecutionException e) {
        compiled = CompletableFuture.failedFuture(e);
        return compiled;
      }
      compiled.whenComplete(
          (factory, failure) -> {
            if (failure != null) {
              LOG.warn(
                  "cannot compile WASM module {} ({}); it runs interpreted",
                  sha256,
                  failure.getCause() == null ? failure : failure.getCause());
            }
          });
    }
    return compiled;
  }

  /** When the compiled form was first asked for ({@link System#nanoTime()}). */
  public synchronized long compileRequestedAt() {
    return compileRequestedAt;
  }

  /** True the first time only: says whether to report that compiling took too long. */
  public boolean firstOverdue() {
    return overdueReported.compareAndSet(false, true);
  }

  private Function<Instance, Machine> compile() {
    compiles.incrementAndGet();
    if (diskCache == null) {
      return MachineFactoryCompiler.builder(module).compile();
    }
    try {
      return MachineFactoryCompiler.builder(module).withCache(diskCache).compile();
    } catch (RuntimeException | LinkageError e) {
      // A verified entry that Chicory cannot load (e.g. written by an incompatible build):
      // drop it and compile afresh, which writes a new entry.
      LOG.warn(
          "cannot use the cached compiled form of module {}; compiling it again: {}",
          sha256,
          e.toString());
      diskCache.discard(module.digest());
      return MachineFactoryCompiler.builder(module).withCache(diskCache).compile();
    }
  }
}
