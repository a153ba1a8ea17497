package dev.skillrt.runtime.nativeproc.internal;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.Violation;
import dev.skillrt.api.internal.EnvironmentNames;
import dev.skillrt.runtime.nativeproc.CommandSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the variables a skill asks for: well-formed names, no NUL in values, and none of the
 * variables that make the dynamic loader, libc or a shell load code or data the skill chose ({@code
 * LD_*}, {@code GLIBC_TUNABLES}, {@code MALLOC_*}, {@code GCONV_PATH}, {@code BASH_ENV}, {@code
 * ENV}, ...). The environment is handed down the helper chain (some helpers run as root) to the
 * program, and a program such as a set-user-id one it starts must not be steered either.
 */
final class EnvironmentGuard {

  private static final Set<String> LOADER_VARIABLES =
      Set.of(
          "GCONV_PATH",
          "LOCPATH",
          "NLSPATH",
          "HOSTALIASES",
          "RESOLV_HOST_CONF",
          "GLIBC_TUNABLES",
          "BASH_ENV",
          "ENV",
          "SHELLOPTS",
          "BASHOPTS");

  private EnvironmentGuard() {}

  /** Whether a variable steers the dynamic loader, libc or a shell into loading a chosen file. */
  static boolean isLoaderVariable(String name) {
    return name.startsWith("LD_") || name.startsWith("MALLOC_") || LOADER_VARIABLES.contains(name);
  }

  static List<Violation> check(ExecutionRequest request, CommandSpec spec) {
    List<Violation> out = new ArrayList<>();
    for (Map.Entry<String, String> e : request.environment().entrySet()) {
      checkName(e.getKey(), "environment", out);
      if (e.getValue().indexOf('\0') >= 0) {
        out.add(
            Violation.error(
                NativePolicy.RULE_ENV,
                "environment variable "
                    + e.getKey()
                    + " has a NUL character in its value; a"
                    + " process environment cannot hold it, remove it",
                e.getKey()));
      }
      if (isLocaleVariable(e.getKey()) && e.getValue().contains("/")) {
        // a locale name never holds a slash; with one, libc reads message catalogues from a
        // path the value chooses
        out.add(
            Violation.error(
                NativePolicy.RULE_ENV,
                "environment variable "
                    + e.getKey()
                    + " names a path, not a locale (it holds"
                    + " '/'); give a locale name such as C.UTF-8 or en_US.UTF-8",
                e.getKey()));
      }
    }
    for (String name : spec.envPassthrough()) {
      checkName(name, "env_passthrough", out);
    }
    return out;
  }

  private static boolean isLocaleVariable(String name) {
    return name.equals("LANG") || name.equals("LANGUAGE") || name.startsWith("LC_");
  }

  private static void checkName(String name, String where, List<Violation> out) {
    if (!EnvironmentNames.isValid(name)) {
      out.add(
          Violation.error(
              NativePolicy.RULE_ENV,
              where
                  + " names a variable '"
                  + name.replace("\0", "\\0")
                  + "' that is not a valid"
                  + " name ([A-Za-z_][A-Za-z0-9_]*); rename it",
              name.replace("\0", "\\0")));
    } else if (isLoaderVariable(name)) {
      out.add(
          Violation.error(
              NativePolicy.RULE_ENV,
              where
                  + " sets "
                  + name
                  + ", which makes the dynamic loader, libc or a shell load"
                  + " files or run code the skill chooses; it is refused for native skills, remove"
                  + " it",
              name));
    }
  }
}
