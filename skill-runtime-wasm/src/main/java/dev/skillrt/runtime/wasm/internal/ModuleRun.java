package dev.skillrt.runtime.wasm.internal;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.TrapException;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a module's {@code _start} with WASI: its own instance, memory and descriptors, built
 * and dropped on the calling thread. Turns every way the run can end into a {@link CallOutcome};
 * never throws.
 */
public final class ModuleRun {

  private static final Logger LOG = LoggerFactory.getLogger(ModuleRun.class);

  private final LoadedModule module;
  private final Function<Instance, Machine> machineFactory;
  private final Optional<MemoryLimits> memoryLimits;
  private final List<String> argv;
  private final Map<String, String> environment;
  private final byte[] stdin;
  private final OutputStream stdout;
  private final OutputStream stderr;
  private final List<Preopen> preopens;
  private final BooleanSupplier stopRequested;
  private final HostCallWatch watch;
  private @Nullable CapWatchingMemory memory;

  public ModuleRun(
      LoadedModule module,
      Function<Instance, Machine> machineFactory,
      Optional<MemoryLimits> memoryLimits,
      List<String> argv,
      Map<String, String> environment,
      byte[] stdin,
      OutputStream stdout,
      OutputStream stderr,
      List<Preopen> preopens,
      BooleanSupplier stopRequested,
      HostCallWatch watch) {
    this.module = module;
    this.machineFactory = machineFactory;
    this.memoryLimits = memoryLimits;
    this.argv = List.copyOf(argv);
    this.environment = Map.copyOf(environment);
    this.stdin = stdin;
    this.stdout = stdout;
    this.stderr = stderr;
    this.preopens = List.copyOf(preopens);
    this.stopRequested = stopRequested;
    this.watch = watch;
  }

  /** Runs {@code _start} to its end on the current thread. */
  public CallOutcome run() {
    WasiOptions.Builder options =
        WasiOptions.builder()
            .withArguments(argv)
            .withStdin(new ByteArrayInputStream(stdin), false)
            .withStdout(stdout, false)
            .withStderr(stderr, false)
            .withThrowOnExit0(true);
    environment.forEach(options::withEnvironment);
    for (Preopen p : preopens) {
      options.withDirectory(p.guestPath(), p.hostRoot());
    }
    try (WasiPreview1 wasi =
        WasiPreview1.builder()
            .withLogger(Slf4jChicoryLogger.INSTANCE)
            .withOptions(options.build())
            .build()) {
      PreopenGuard guard = new PreopenGuard(preopens, watch);
      ChicoryDescriptors table = new ChicoryDescriptors(wasi);
      // only what the module imports can ever be called: the rest is left unwrapped and unlinked
      List<HostFunction> imported = guard.wrap(wasi, module::imports);
      List<HostFunction> functions =
          new DescriptorRights(table).wrap(new AppendMode(table).wrap(imported));
      Instance.Builder builder =
          Instance.builder(module.module())
              .withImportValues(ImportValues.builder().withFunctions(stoppable(functions)).build())
              .withMachineFactory(machineFactory)
              .withMemoryFactory(this::newMemory)
              .withStart(false);
      memoryLimits.ifPresent(builder::withMemoryLimits);
      Instance instance = builder.build();
      ExportFunction start = instance.export("_start");
      start.apply();
      return CallOutcome.exited(0, growthRefused());
    } catch (WasiExitException e) {
      return CallOutcome.exited(e.exitCode(), growthRefused());
    } catch (ChicoryInterruptedException e) {
      return CallOutcome.interrupted(growthRefused());
    } catch (TrapException | WasmRuntimeException e) {
      if (Thread.currentThread().isInterrupted()) {
        return CallOutcome.interrupted(growthRefused());
      }
      return CallOutcome.trapped(String.valueOf(e.getMessage()), growthRefused());
    } catch (StackOverflowError e) {
      return CallOutcome.trapped("call stack exhausted", growthRefused());
    } catch (ChicoryException e) {
      if (Thread.currentThread().isInterrupted() || hasInterruptCause(e)) {
        return CallOutcome.interrupted(growthRefused());
      }
      return CallOutcome.failed(describe(e), growthRefused());
    } catch (OutOfMemoryError e) {
      return CallOutcome.failed(
          "the JVM ran out of heap while running the module; set a lower memory limit",
          growthRefused());
    } catch (RuntimeException e) {
      if (Thread.currentThread().isInterrupted() || hasInterruptCause(e)) {
        return CallOutcome.interrupted(growthRefused());
      }
      LOG.warn("module {} failed inside the runtime", module.sha256(), e);
      return CallOutcome.failed("the runtime failed running the module: " + e, growthRefused());
    }
  }

  /**
   * Host functions that end the run when it has been stopped, before and after doing their work: an
   * interrupt that host code swallowed (say, an output listener that catches it) would otherwise
   * leave the module running. The watch knows which one the module is inside.
   */
  private List<ImportFunction> stoppable(List<HostFunction> functions) {
    List<ImportFunction> out = new ArrayList<>(functions.size());
    for (HostFunction f : functions) {
      WasmFunctionHandle handle = f.handle();
      out.add(
          new HostFunction(
              f.module(),
              f.name(),
              f.functionType(),
              (instance, args) -> {
                checkStop();
                watch.entered(f.name());
                long[] result;
                try {
                  result = handle.apply(instance, args);
                } finally {
                  watch.left();
                }
                checkStop();
                return result;
              }));
    }
    return out;
  }

  private void checkStop() {
    if (stopRequested.getAsBoolean()) {
      throw new ChicoryInterruptedException("the call was stopped");
    }
  }

  private CapWatchingMemory newMemory(MemoryLimits limits) {
    CapWatchingMemory created = new CapWatchingMemory(new ByteArrayMemory(limits), true);
    memory = created;
    return created;
  }

  private boolean growthRefused() {
    CapWatchingMemory m = memory;
    return m != null && m.growthRefused();
  }

  private static boolean hasInterruptCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ChicoryInterruptedException || t instanceof InterruptedException) {
        return true;
      }
    }
    return false;
  }

  private static String describe(ChicoryException e) {
    String kind = e.getClass().getSimpleName();
    return kind + ": " + e.getMessage();
  }
}
