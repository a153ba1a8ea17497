package dev.skillrt.bench.internal;

/** Manifests of the WASM benchmarks: the hello and fib modules, compiled and interpreted. */
public final class WasmManifests {

  /** What hello.wasm prints. */
  public static final String HELLO_OUTPUT = "hello, world\n";

  /** The argument fib.wasm gets and what it prints for it. */
  public static final int FIB_N = 30;

  public static final String FIB_OUTPUT = "832040\n";

  private WasmManifests() {}

  /**
   * Skills {@code hello-compiled}, {@code hello-interpreted}, {@code fib-compiled} and {@code
   * fib-interpreted}, each with the tool {@code run}; the modules sit next to the manifest.
   */
  public static String manifest() {
    StringBuilder toml = new StringBuilder("version = \"1\"\n");
    for (String mode : new String[] {"compiled", "interpreted"}) {
      toml.append(skill("hello-" + mode, "./hello.wasm", mode, "[]"));
      toml.append(skill("fib-" + mode, "./fib.wasm", mode, "[\"" + FIB_N + "\"]"));
    }
    return toml.toString();
  }

  private static String skill(String name, String module, String mode, String args) {
    return """

        [skills.%1$s]
        source = "%2$s"
        runtime = "wasm"
        [skills.%1$s.wasm]
        mode = "%3$s"
        [skills.%1$s.tools.run]
        args = %4$s
        """
        .formatted(name, module, mode, args);
  }
}
