package dev.skillrt.runtime.nativeproc;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.api.PolicyRule;
import dev.skillrt.runtime.nativeproc.internal.HostFacts;
import dev.skillrt.runtime.nativeproc.internal.NativePolicy;
import dev.skillrt.runtime.nativeproc.internal.NativeTableReader;
import dev.skillrt.spi.Availability;
import dev.skillrt.spi.PrivateFolder;
import dev.skillrt.spi.RuntimeCapabilities;
import dev.skillrt.spi.RuntimeConfig;
import dev.skillrt.spi.SettingsInput;
import dev.skillrt.spi.SkillRuntime;
import dev.skillrt.spi.SkillRuntimeProvider;
import dev.skillrt.spi.SkillSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The {@code native} runtime's entry point, found by {@link java.util.ServiceLoader}. Cheap to
 * construct; {@link #create} probes the host once.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class NativeSkillRuntimeProvider implements SkillRuntimeProvider {

  /** The runtime id manifests name. */
  public static final String ID = "native";

  public NativeSkillRuntimeProvider() {
    // no skill of any backend may be granted the default work root, even before it is used
    PrivateFolder.keep(NativeRuntimeConfig.defaults().workRoot());
  }

  private static NativeRuntimeConfig read(RuntimeConfig config) {
    NativeRuntimeConfig parsed = NativeRuntimeConfig.from(config);
    PrivateFolder.keep(parsed.workRoot());
    return parsed;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "host programs without a shell: allow-list, scrubbed environment, rlimits, tree kill,"
        + " bubblewrap sandbox when present";
  }

  @Override
  public Availability probe(RuntimeConfig config) {
    try {
      NativeRuntimeConfig parsed = NativeRuntimeConfig.from(config);
      HostFacts host = HostFacts.probe(parsed);
      if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
        return Availability.unavailable("the native runtime needs Linux (/proc, util-linux)");
      }
      List<String> notes = new ArrayList<>();
      if (!host.treeKeepable()) {
        return Availability.unavailable(
            "neither setsid ("
                + parsed.setsid()
                + ") nor unshare ("
                + parsed.unshare()
                + ") is installed, so a call's process tree cannot be stopped; install util-linux");
      }
      if (!host.sandboxUsable()) {
        notes.add("sandbox unavailable: " + String.join("; ", host.sandboxProblems(parsed)));
      }
      return new Availability(true, notes);
    } catch (RuntimeException e) {
      return Availability.unavailable(Objects.requireNonNullElse(e.getMessage(), e.toString()));
    }
  }

  @Override
  public void checkConfig(RuntimeConfig config) {
    NativeRuntimeConfig.from(config);
  }

  @Override
  public SkillRuntime create(RuntimeConfig config) {
    NativeRuntimeConfig parsed = read(config);
    return new NativeSkillRuntime(parsed, HostFacts.probe(parsed));
  }

  @Override
  public List<PolicyRule> policyRules(RuntimeConfig config) {
    NativeRuntimeConfig parsed = read(config);
    return NativePolicy.forValidation(parsed, HostFacts.probe(parsed)).rules();
  }

  @Override
  public RuntimeCapabilities capabilities(RuntimeConfig config) {
    return NativeSkillRuntime.capabilitiesOn(HostFacts.probe(read(config)));
  }

  /** Reads {@code [skills.NAME.native]} (see docs/native-runtime.md). */
  @Override
  public SkillSettings settings(SettingsInput input) {
    return NativeTableReader.read(input);
  }

  /** The interpreter is each call's program, the allowed interpreters its allow-list. */
  @Override
  public SkillSettings scriptSettings(SettingsInput input, List<String> interpreters) {
    return NativeTableReader.readScripts(input, interpreters);
  }
}
