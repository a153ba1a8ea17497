package dev.skillrt.runtime.wasm;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.DataSize;
import dev.skillrt.api.Mount;
import dev.skillrt.api.PolicyPhase;
import dev.skillrt.api.PolicyRule;
import dev.skillrt.api.Violation;
import dev.skillrt.runtime.wasm.internal.MemoryPlan;
import dev.skillrt.runtime.wasm.internal.ModuleCache;
import dev.skillrt.runtime.wasm.internal.ModuleFiles;
import dev.skillrt.runtime.wasm.internal.ModuleFormat;
import dev.skillrt.runtime.wasm.internal.ModuleTooLargeException;
import dev.skillrt.runtime.wasm.internal.NotACoreModuleException;
import dev.skillrt.runtime.wasm.internal.WasmTableReader;
import dev.skillrt.spi.Availability;
import dev.skillrt.spi.HostPathPolicy;
import dev.skillrt.spi.PrivateFolder;
import dev.skillrt.spi.RuntimeCapabilities;
import dev.skillrt.spi.RuntimeConfig;
import dev.skillrt.spi.SettingsInput;
import dev.skillrt.spi.SkillRuntime;
import dev.skillrt.spi.SkillRuntimeProvider;
import dev.skillrt.spi.SkillSettings;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The {@code wasm} runtime's entry point for {@link java.util.ServiceLoader}: cheap to create;
 * {@link #create} builds a {@link WasmSkillRuntime} from the settings described in {@link
 * WasmRuntimeConfig}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class WasmSkillRuntimeProvider implements SkillRuntimeProvider {

  /** The runtime id. */
  public static final String ID = "wasm";

  private static final PolicyRule CPUS_RULE =
      PolicyRule.of(
          WasmSkillRuntime.CPUS_BELOW_ONE,
          (request, phase) -> {
            var cpus = request.limits().cpus();
            if (cpus.isPresent() && cpus.getAsDouble() < 1.0) {
              return List.of(
                  Violation.error(
                      WasmSkillRuntime.CPUS_BELOW_ONE,
                      "the wasm runtime runs each call on one thread and cannot hold it to "
                          + cpus.getAsDouble()
                          + " of a core; use cpus >= 1 or a timeout instead",
                      String.valueOf(cpus.getAsDouble())));
            }
            return List.of();
          });

  /**
   * The host folders a module may be given: the shared policy, with system folders allowed
   * read-only (a module sees only what it is given, and cannot change it), and nothing inside a
   * grant that anyone but root or the JVM's user could change: the runtime resolves a module's
   * paths on the host at each access, so a writer inside (another user, a skill of another backend)
   * could swap a folder for a link between the check and the open.
   */
  static final HostPathPolicy HOST_PATHS =
      HostPathPolicy.strict().allowingSystemFoldersReadOnly().requiringOwnTree();

  /**
   * At validation, a source that is a component, or no WebAssembly at all, from its first bytes; a
   * call judges the bytes it reads, before parsing them ({@link NotACoreModuleException}).
   */
  private static final PolicyRule MODULE_FORMAT_RULE =
      PolicyRule.of(
          WasmSkillRuntime.NOT_A_CORE_MODULE,
          (request, phase) ->
              phase == PolicyPhase.VALIDATE && request.spec() instanceof ModuleSpec spec
                  ? ModuleFormat.refusal(spec.module())
                      .map(
                          message ->
                              List.of(
                                  Violation.error(
                                      WasmSkillRuntime.NOT_A_CORE_MODULE,
                                      message,
                                      spec.module().toString())))
                      .orElse(List.of())
                  : List.of());

  private static final PolicyRule MOUNTS_RULE =
      PolicyRule.of(
          WasmSkillRuntime.MOUNTS,
          (request, phase) ->
              request.mounts().stream()
                  .flatMap(
                      m ->
                          HOST_PATHS
                              .judge(m.hostPath(), m.readOnly())
                              .map(r -> mountViolation(m, r, phase))
                              .stream())
                  .toList());

  /** The violation of a mount the host-path policy refuses. */
  static Violation mountViolation(Mount m, HostPathPolicy.Refusal r, PolicyPhase phase) {
    return HostPathPolicy.violation(WasmSkillRuntime.MOUNTS, m, r, phase);
  }

  public WasmSkillRuntimeProvider() {
    // no skill of any backend may be granted the default cache, even before it exists
    PrivateFolder.keep(WasmRuntimeConfig.DEFAULT_CACHE_DIR);
  }

  private static WasmRuntimeConfig read(RuntimeConfig config) {
    WasmRuntimeConfig parsed = WasmRuntimeConfig.from(config);
    parsed.cacheDirectory().ifPresent(PrivateFolder::keep);
    return parsed;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "WASI preview 1 modules on Chicory (pure JVM): compiled once, memory-capped,"
        + " interruptible, preopened folders only";
  }

  @Override
  public Availability probe(RuntimeConfig config) {
    try {
      WasmRuntimeConfig.from(config);
      Class.forName(Instance.class.getName());
      return Availability.ok();
    } catch (RuntimeException | ClassNotFoundException | LinkageError e) {
      return Availability.unavailable("wasm runtime cannot start: " + e.getMessage());
    }
  }

  @Override
  public void checkConfig(RuntimeConfig config) {
    WasmRuntimeConfig.from(config);
  }

  @Override
  public SkillRuntime create(RuntimeConfig config) {
    return new WasmSkillRuntime(read(config));
  }

  /**
   * {@value WasmSkillRuntime#CPUS_BELOW_ONE}, {@value WasmSkillRuntime#MODULE_TOO_LARGE} (a module
   * file larger than {@code max-module-size}, judged from its size without reading it), {@value
   * WasmSkillRuntime#NOT_A_CORE_MODULE} (a WebAssembly component, or a file that is not
   * WebAssembly, judged from its first eight bytes) and {@value WasmSkillRuntime#MOUNTS} (host
   * folders no skill gets: {@link HostPathPolicy}).
   *
   * @throws dev.skillrt.api.ConfigurationException when the settings are invalid
   */
  @Override
  public List<PolicyRule> policyRules(RuntimeConfig config) {
    return rules(read(config));
  }

  static List<PolicyRule> rules(WasmRuntimeConfig config) {
    DataSize max = config.maxModuleSize();
    PolicyRule moduleSize =
        PolicyRule.of(
            WasmSkillRuntime.MODULE_TOO_LARGE,
            (request, phase) -> {
              if (!(request.spec() instanceof ModuleSpec spec)) {
                return List.of();
              }
              try {
                ModuleFiles.check(spec.module(), max);
                return List.of();
              } catch (ModuleTooLargeException e) {
                return List.of(
                    Violation.error(
                        WasmSkillRuntime.MODULE_TOO_LARGE,
                        e.getMessage(),
                        spec.module().toString()));
              } catch (ConfigurationException e) {
                // at validation a missing module is an error; when a call runs, the call reports it
                return phase == PolicyPhase.VALIDATE
                    ? List.of(
                        Violation.error(
                            WasmSkillRuntime.MODULE_MISSING,
                            e.getMessage(),
                            spec.module().toString()))
                    : List.of();
              }
            });
    return List.of(CPUS_RULE, moduleSize, MODULE_FORMAT_RULE, memoryRule(config), MOUNTS_RULE);
  }

  /**
   * {@value WasmSkillRuntime#MEMORY_BELOW_MINIMUM} at validation: a memory limit below the minimum
   * the module declares (read from its memory section). When a call runs, the runtime makes the
   * same check once the module is loaded, within the call's time.
   */
  private static PolicyRule memoryRule(WasmRuntimeConfig config) {
    return PolicyRule.of(
        WasmSkillRuntime.MEMORY_BELOW_MINIMUM,
        (request, phase) -> {
          if (phase != PolicyPhase.VALIDATE || !(request.spec() instanceof ModuleSpec spec)) {
            return List.of();
          }
          Optional<MemoryLimits> declared;
          try {
            declared = ModuleCache.declaredMemory(spec.module(), config.maxModuleSize());
          } catch (ConfigurationException e) {
            return List.of(); // reported by the module rules
          }
          DataSize cap = request.limits().memory().orElse(config.defaultMemory());
          return MemoryPlan.of(declared, cap, spec.module().toString())
              .refusal()
              .map(
                  m ->
                      List.of(
                          Violation.error(
                              WasmSkillRuntime.MEMORY_BELOW_MINIMUM, m, cap.toString())))
              .orElse(List.of());
        });
  }

  @Override
  public RuntimeCapabilities capabilities(RuntimeConfig config) {
    return WasmSkillRuntime.CAPABILITIES;
  }

  /** Reads {@code [skills.NAME.wasm]} (see docs/wasm-skills.md). */
  @Override
  public SkillSettings settings(SettingsInput input) {
    return WasmTableReader.read(input);
  }
}
