package dev.skillrt.runtime.wasm.internal;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.skillrt.api.WasmMode;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One parsed module, shared by every call and thread that runs the same content. Its compiled
 * machine factory is built once, on first use in compiled mode (from the disk cache when an entry
 * is there), and shared from then on; each call builds its own {@link Instance} from it.
 */
public final class LoadedModule {

  private static final Logger LOG = LoggerFactory.getLogger(LoadedModule.class);

  private final String sha256;
  private final WasmModule module;
  private final @Nullable DiskCompiledCache diskCache;
  private volatile @Nullable Function<Instance, Machine> compiled;

  LoadedModule(String sha256, WasmModule module, @Nullable DiskCompiledCache diskCache) {
    this.sha256 = sha256;
    this.module = module;
    this.diskCache = diskCache;
  }

  /** The sha-256 of the module's bytes, lower-case hex. */
  public String sha256() {
    return sha256;
  }

  public WasmModule module() {
    return module;
  }

  /** The memory the module declares (its own, not imported), if any. */
  public Optional<MemoryLimits> declaredMemory() {
    return module
        .memorySection()
        .filter(section -> section.memoryCount() > 0)
        .map(section -> section.getMemory(0).limits());
  }

  /** Whether the compiled form has been built (or loaded) already. */
  public boolean isCompiled() {
    return compiled != null;
  }

  /** The machine factory for a mode; compiles on the first compiled-mode call. */
  public Function<Instance, Machine> machineFactory(WasmMode mode) {
    if (mode == WasmMode.INTERPRETED) {
      return InterpreterMachine::new;
    }
    Function<Instance, Machine> factory = compiled;
    if (factory == null) {
      synchronized (this) {
        factory = compiled;
        if (factory == null) {
          factory = compile();
          compiled = factory;
        }
      }
    }
    return factory;
  }

  private Function<Instance, Machine> compile() {
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
