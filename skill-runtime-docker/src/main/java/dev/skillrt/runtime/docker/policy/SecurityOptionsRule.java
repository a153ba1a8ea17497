package dev.skillrt.runtime.docker.policy;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.PolicyPhase;
import dev.skillrt.api.Violation;
import dev.skillrt.runtime.docker.ContainerSpec;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code docker.security-opt}: seccomp, AppArmor, SELinux labels and system paths keep the engine's
 * defaults. Any {@code --security-opt} other than {@code no-new-privileges} (on) is denied: {@code
 * seccomp=unconfined}, a custom seccomp or AppArmor profile, {@code label=disable}, {@code
 * systempaths=unconfined}, and unknown options alike. {@code no-new-privileges=false} is left to
 * {@code docker.no-new-privileges}.
 */
final class SecurityOptionsRule extends DockerRule {

  SecurityOptionsRule() {
    super("docker.security-opt");
  }

  @Override
  void check(
      ExecutionRequest request,
      ContainerSpec spec,
      ExtraArgs args,
      PolicyPhase phase,
      List<Violation> out) {
    for (Flag flag : args.named("security-opt")) {
      String key = optionKey(flag.valueOrEmpty());
      if (!key.equals("no-new-privileges")) {
        out.add(
            error(
                "security option \""
                    + flag.valueOrEmpty()
                    + "\" weakens or replaces the"
                    + " container's confinement (seccomp, AppArmor, labels and system paths"
                    + " keep the engine's defaults)",
                flag.shown()));
      }
    }
  }

  /** The option's name: {@code seccomp=x}, {@code seccomp:x} and {@code SECCOMP=x} give seccomp. */
  static String optionKey(String option) {
    String lower = option.trim().toLowerCase(Locale.ROOT);
    int cut = lower.length();
    for (char sep : new char[] {'=', ':'}) {
      int at = lower.indexOf(sep);
      if (at >= 0 && at < cut) {
        cut = at;
      }
    }
    return lower.substring(0, cut).trim();
  }

  /** The value after {@code =} or {@code :}, lower case; empty when none. */
  static String optionValue(String option) {
    String lower = option.trim().toLowerCase(Locale.ROOT);
    String key = optionKey(option);
    return lower.length() > key.length() ? lower.substring(key.length() + 1).trim() : "";
  }

  @Override
  Set<String> flagsJudged() {
    return Set.of("security-opt");
  }
}
