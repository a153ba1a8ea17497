package dev.skillrt.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The areas of BENCHMARKS.md, in order, and the comparisons in each. */
public final class ReportLayout {

  /** Every area with a sentence on what it measures. */
  public static final Map<String, String> AREAS = areas();

  private static final String ENGINE = "SkillEngine";

  private ReportLayout() {}

  private static Map<String, String> areas() {
    Map<String, String> a = new LinkedHashMap<>();
    a.put(
        "native",
        "One call of `/bin/true` (SampleTime: every call timed). The second row keeps the call's"
            + " fresh folder in memory instead of on the disk. An unsandboxed call is started by"
            + " the launcher serving the JVM (`skillrt-launch --serve`, a fork per call); the last"
            + " three rows split the first one: the runtime without the engine, the launcher started"
            + " by the JVM instead (as a sandboxed call still is), and the util-linux helpers the"
            + " launcher replaced.");
    a.put(
        "docker",
        "One call of `true` in `skillrt/busybox:test` against a `docker run --rm` CLI process with"
            + " the same hardening flags, and against a bare docker-java create, attach, start, wait and remove"
            + " with the same settings (SampleTime).");
    a.put(
        "wasm",
        "hello.wasm (prints one line) and fib.wasm (fib(30) by recursion). First calls are single"
            + " shots, each in a fresh engine with an empty compiled-module cache folder (the JVM"
            + " itself is warm); the others are SampleTime.");
    a.put(
        "throughput",
        "Calls per second: each operation runs 64 calls on a fixed pool of N threads (higher is"
            + " better; the ratio is project/baseline, so below 1 is slower), after 20 s of"
            + " warm-up each: a steady state, with the JIT done.");
    a.put(
        "manifest",
        "A generated manifest of 1,000 skills (native and WASM, each with limits, an instance and"
            + " two tools with typed parameters): read, expand, build the model and validate it"
            + " (SampleTime). The 10,000-skill row uses a leaner catalogue written with inline tables"
            + " (one tool a skill), so that it stays under the 4 MiB a manifest may have, against the"
            + " same catalogue of 1,000 skills.");
    a.put(
        "mcp",
        "One `tools/call` of warm hello.wasm (compiled) from the MCP Java SDK's client to `SkillMcpServer`"
            + " and back, stdio framing over in-JVM pipes, against the same `SkillEngine.execute` call made"
            + " directly (SampleTime). The difference is the protocol's cost per call.");
    a.put(
        "memory",
        "A native skill prints 1 GiB to stdout with a 64 KiB output cap and overflow DISCARD, in a"
            + " JVM with a 256 MiB heap. Peak heap: the heap pools' peak usage, reset after a GC"
            + " before each single-shot iteration, summed (an upper bound).");
    return a;
  }

  /** Every comparison, grouped by area in {@link #AREAS} order. */
  public static List<Comparison> comparisons() {
    List<Comparison> c = new ArrayList<>();
    c.add(
        Comparison.time(
            "native",
            "`/bin/true`, sandbox none",
            ENGINE,
            "NativeBenchmarks.engineTrue",
            "bare `ProcessBuilder` start + wait",
            "NativeBenchmarks.bareProcessBuilder"));
    c.add(
        Comparison.time(
            "native",
            "`/bin/true`, sandbox none, call folders on a tmpfs (`work-root` in `/dev/shm`)",
            ENGINE,
            "NativeBenchmarks.engineTrueTmpfsWorkRoot",
            "bare `ProcessBuilder` start + wait",
            "NativeBenchmarks.bareProcessBuilder"));
    c.add(
        Comparison.time(
            "native",
            "`/bin/true`, bubblewrap sandbox",
            ENGINE,
            "NativeBenchmarks.engineTrueBwrap",
            "the same call with sandbox none",
            "NativeBenchmarks.engineTrue"));
    c.add(
        Comparison.time(
            "native",
            "`/bin/true`, sandbox none, same request",
            "runtime `execute` (through the launch server)",
            "NativeBenchmarks.runtimeTrue",
            "bare `ProcessBuilder` start + wait",
            "NativeBenchmarks.bareProcessBuilder"));
    c.add(
        Comparison.time(
            "native",
            "the launcher started by the JVM: `"
                + "skillrt-launch --die-with-parent JVM-PID --pid-namespace -- /bin/true`",
            "`ProcessBuilder`",
            "NativeBenchmarks.bareLauncher",
            "bare `ProcessBuilder` start + wait",
            "NativeBenchmarks.bareProcessBuilder"));
    c.add(
        Comparison.time(
            "native",
            "the util-linux helpers the launcher replaces: `setpriv --pdeathsig=KILL -- unshare"
                + " --pid --fork --kill-child -- timeout 0 /bin/true`",
            "`ProcessBuilder`",
            "NativeBenchmarks.bareHelperChain",
            "the launcher, same guarantees",
            "NativeBenchmarks.bareLauncher"));
    c.add(
        Comparison.time(
            "docker",
            "`true` in the busybox image",
            ENGINE,
            "DockerBenchmarks.engineTrue",
            "`docker run --rm` CLI, same flags",
            "DockerBenchmarks.cliDockerRun"));
    c.add(
        Comparison.time(
            "docker",
            "`true` in the busybox image, same client library",
            ENGINE,
            "DockerBenchmarks.engineTrue",
            "bare docker-java create, attach, start, wait, remove",
            "DockerBenchmarks.bareDockerJava"));
    c.add(
        Comparison.time(
            "wasm",
            "first call, fresh engine, empty cache (parse + compile + run)",
            ENGINE,
            "WasmFirstCallBenchmarks.engineFirstCall",
            "bare Chicory parse + compile + instantiate + `_start`",
            "WasmFirstCallBenchmarks.bareParseCompileRun"));
    c.add(
        Comparison.time(
            "wasm",
            "warm call, compiled",
            ENGINE,
            "WasmBenchmarks.engineWarmCompiled",
            "bare Chicory instantiate + `_start`, compiled factory reused",
            "WasmBenchmarks.bareCompiled"));
    c.add(
        Comparison.time(
            "wasm",
            "warm call, interpreted",
            ENGINE,
            "WasmBenchmarks.engineWarmInterpreted",
            "bare Chicory instantiate + `_start`, interpreter",
            "WasmBenchmarks.bareInterpreted"));
    c.add(
        Comparison.time(
            "wasm",
            "fib(30), compiled",
            ENGINE,
            "FibBenchmarks.engineCompiled",
            "bare Chicory, compiled",
            "FibBenchmarks.bareCompiled"));
    c.add(
        Comparison.time(
            "wasm",
            "fib(30), compiled vs interpreted",
            ENGINE,
            "FibBenchmarks.engineCompiled",
            "the same call, interpreted",
            "FibBenchmarks.engineInterpreted"));
    for (String n : List.of("1", "2", "8", "64")) {
      Map<String, String> p = Map.of("concurrency", n);
      c.add(
          new Comparison(
              "throughput",
              "hello.wasm (compiled), concurrency " + n,
              ENGINE,
              "ThroughputBenchmarks.wasmEngine",
              p,
              "bare Chicory on the same pool",
              "ThroughputBenchmarks.wasmBare",
              p,
              "",
              true));
    }
    for (String n : List.of("1", "2", "8", "64")) {
      Map<String, String> p = Map.of("concurrency", n);
      c.add(
          new Comparison(
              "throughput",
              "`/bin/true` (native, sandbox none), concurrency " + n,
              ENGINE,
              "ThroughputBenchmarks.nativeEngine",
              p,
              "bare `ProcessBuilder` on the same pool",
              "ThroughputBenchmarks.nativeBare",
              p,
              "",
              true));
    }
    c.add(
        Comparison.time(
            "manifest",
            "load + validate 1,000 skills",
            "ManifestLoader + SkillEngine.validate",
            "ManifestBenchmarks.loadAndValidate",
            "Jackson TOML `readTree` of the same file",
            "ManifestBenchmarks.bareTomlParse"));
    c.add(
        Comparison.time(
            "manifest",
            "load only (parse, expand, model, located checks)",
            "ManifestLoader",
            "ManifestBenchmarks.loadOnly",
            "Jackson TOML `readTree` of the same file",
            "ManifestBenchmarks.bareTomlParse"));
    c.add(
        new Comparison(
            "manifest",
            "load + validate 10,000 skills (compact catalogue)",
            "ManifestLoader + SkillEngine.validate",
            "ManifestScaleBenchmarks.loadAndValidate",
            Map.of("skills", "10000"),
            "the same catalogue with 1,000 skills (linear: 10)",
            "ManifestScaleBenchmarks.loadAndValidate",
            Map.of("skills", "1000"),
            "",
            false));
    c.add(
        Comparison.time(
            "mcp",
            "warm hello.wasm, one call",
            "MCP client -> `SkillMcpServer` (stdio framing, in-JVM pipes)",
            "McpBenchmarks.mcpRoundTrip",
            "`SkillEngine.execute`, same call",
            "McpBenchmarks.engineExecute"));
    c.add(
        new Comparison(
            "memory",
            "peak heap while printing 1 GiB",
            ENGINE,
            "MemoryBenchmarks.engineOneGibibyte",
            Map.of(),
            "bare `ProcessBuilder`, stdout read into nothing",
            "MemoryBenchmarks.bareDrainOneGibibyte",
            Map.of(),
            "peak-heap",
            false));
    c.add(
        Comparison.time(
            "memory",
            "time to print 1 GiB",
            ENGINE,
            "MemoryBenchmarks.engineOneGibibyte",
            "bare `ProcessBuilder`, stdout read into nothing",
            "MemoryBenchmarks.bareDrainOneGibibyte"));
    return List.copyOf(c);
  }
}
