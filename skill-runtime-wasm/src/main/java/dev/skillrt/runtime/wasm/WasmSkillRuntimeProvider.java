package dev.skillrt.runtime.wasm;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.dylibso.chicory.runtime.Instance;
import dev.skillrt.api.Violation;
import dev.skillrt.spi.Availability;
import dev.skillrt.spi.PolicyRule;
import dev.skillrt.spi.RuntimeConfig;
import dev.skillrt.spi.SkillRuntime;
import dev.skillrt.spi.SkillRuntimeProvider;
import java.util.List;
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

  private static final List<PolicyRule> RULES =
      List.of(
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
              }));

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
  public SkillRuntime create(RuntimeConfig config) {
    return new WasmSkillRuntime(WasmRuntimeConfig.from(config));
  }

  @Override
  public List<PolicyRule> policyRules(RuntimeConfig config) {
    return RULES;
  }

  static List<PolicyRule> rules() {
    return RULES;
  }
}
