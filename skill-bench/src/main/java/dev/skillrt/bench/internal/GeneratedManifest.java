package dev.skillrt.bench.internal;

/**
 * A generated manifest of many skills, alternating native and WASM ones, each with defaults,
 * limits, an instance with config and two tools with typed parameters: the shape of a large real
 * catalogue.
 */
public final class GeneratedManifest {

  private GeneratedManifest() {}

  /** The TOML text of {@code skills} skills; WASM skills point at {@code ./hello.wasm}. */
  public static String text(int skills) {
    StringBuilder toml =
        new StringBuilder(
            """
            version = "1"

            [defaults]
            env.LOG_LEVEL = "${LOG_LEVEL:-info}"
            capabilities.network_access = false
            capabilities.max_concurrent_requests = 8

            [defaults.limits]
            timeout = "30s"
            output = "1m"
            """);
    for (int i = 0; i < skills; i++) {
      String name = "skill-" + i;
      boolean wasm = i % 2 == 1;
      toml.append('\n').append("[skills.").append(name).append("]\n");
      toml.append("description = \"Generated skill number ").append(i).append("\"\n");
      if (wasm) {
        toml.append("source = \"./hello.wasm\"\nruntime = \"wasm\"\n");
        toml.append("[skills.").append(name).append(".wasm]\nmode = \"compiled\"\n");
      } else {
        toml.append("source = \"./tools/").append(name).append("\"\nruntime = \"native\"\n");
        toml.append("[skills.")
            .append(name)
            .append(".native]\n")
            .append("command = \"/bin/echo\"\nsandbox = \"none\"\n");
      }
      toml.append("[skills.")
          .append(name)
          .append(".limits]\ntimeout = \"")
          .append(5 + i % 20)
          .append("s\"\n");
      toml.append("[skills.")
          .append(name)
          .append(".instances.default]\n")
          .append("config.region = \"${REGION:-eu-west-")
          .append(i % 3)
          .append("}\"\n")
          .append("env.MODE = \"batch\"\n");
      toml.append("[skills.")
          .append(name)
          .append(".tools.search]\n")
          .append("description = \"Search for a term\"\n")
          .append("args = [\"search\", \"--term\", \"{{term}}\", \"--limit={{limit}}\"]\n");
      toml.append("[skills.")
          .append(name)
          .append(".tools.search.parameters.term]\n")
          .append("type = \"string\"\nrequired = true\n");
      toml.append("[skills.")
          .append(name)
          .append(".tools.search.parameters.limit]\n")
          .append("type = \"integer\"\ndefault = 10\n");
      toml.append("[skills.")
          .append(name)
          .append(".tools.mode]\n")
          .append("args = [\"mode\", \"{{tone}}\"]\n");
      toml.append("[skills.")
          .append(name)
          .append(".tools.mode.parameters.tone]\n")
          .append("type = \"string\"\nenum = [\"warm\", \"dry\"]\ndefault = \"warm\"\n");
    }
    return toml.toString();
  }

  /**
   * A leaner catalogue for the scaling comparison: per skill the runtime table, a limit, an
   * instance with a config value and one tool with two typed parameters, written with inline
   * tables, so that 10,000 skills stay under the 4 MiB a manifest may have.
   */
  public static String compact(int skills) {
    StringBuilder toml =
        new StringBuilder(
            """
            version = "1"

            [defaults]
            env.LOG_LEVEL = "${LOG_LEVEL:-info}"
            capabilities.network_access = false
            limits = { timeout = "30s", output = "1m" }
            """);
    for (int i = 0; i < skills; i++) {
      toml.append("\n[skills.s").append(i).append("]\n");
      if (i % 2 == 1) {
        toml.append("source = \"./hello.wasm\"\nruntime = \"wasm\"\nwasm.mode = \"compiled\"\n");
      } else {
        toml.append("source = \"./t/s")
            .append(i)
            .append("\"\nruntime = \"native\"\n")
            .append("native = { command = \"/bin/echo\", sandbox = \"none\" }\n");
      }
      toml.append("limits.timeout = \"").append(5 + i % 20).append("s\"\n");
      toml.append("instances.default.config.region = \"${REGION:-eu-")
          .append(i % 3)
          .append("}\"\n");
      toml.append("tools.search = { args = [\"search\", \"{{term}}\", \"--limit={{limit}}\"],")
          .append(" parameters.term = { type = \"string\", required = true },")
          .append(" parameters.limit = { type = \"integer\", default = 10 } }\n");
    }
    return toml.toString();
  }
}
