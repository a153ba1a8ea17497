package dev.skillrt.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.Limits;
import dev.skillrt.api.NotFoundException;
import dev.skillrt.api.PolicyViolationException;
import dev.skillrt.engine.internal.AuditLog;
import dev.skillrt.spi.SkillRuntimeRegistry;
import dev.skillrt.testing.ProcessTestRuntimeProvider;
import dev.skillrt.testing.RecordingRuntimeProvider;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkillEngineTests {

  @TempDir Path dir;
  final List<SkillEngine> engines = new ArrayList<>();

  static Path resource(String name) {
    try {
      return Path.of(SkillEngineTests.class.getResource("/manifests/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    return env;
  }

  SkillEngine serviceLoaderEngine() {
    SkillEngine e =
        SkillEngine.builder()
            .manifest(resource("engine.toml"))
            .environment(env())
            .auditFile(dir.resolve("audit/events.jsonl"))
            .build();
    engines.add(e);
    return e;
  }

  @AfterEach
  void close() {
    engines.forEach(SkillEngine::close);
  }

  List<AuditEvent> auditEvents() throws IOException {
    Path file = dir.resolve("audit/events.jsonl");
    return Files.exists(file)
        ? Files.readAllLines(file).stream().map(AuditLog::fromJson).toList()
        : List.of();
  }

  @Test
  void runsAToolThroughAServiceLoaderBackendWithTheArgvFromItsTemplate() throws IOException {
    SkillEngine engine = serviceLoaderEngine();
    assertThat(engine.registry().ids()).contains(ProcessTestRuntimeProvider.ID);
    String hostile = "O'Brien; rm -rf / $(touch /tmp/pwned) `id` \"quoted\"\nsecond line";
    ExecutionResult r =
        engine.execute(
            "greeter", "hello", Map.of("name", hostile, "times", 3), ExecuteOptions.defaults());

    assertThat(r.status()).as(r.message() + r.stderr().text()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.stdout().text()).isEqualTo("[greet]\n[--name]\n[" + hostile + "]\n[--times=3]\n");

    List<AuditEvent> events = auditEvents();
    assertThat(events)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.skill()).isEqualTo("greeter");
              assertThat(e.tool()).isEqualTo("hello");
              assertThat(e.instance()).isEqualTo("friendly");
              assertThat(e.runtime()).isEqualTo("test-process");
              assertThat(e.status()).isEqualTo("SUCCEEDED");
              assertThat(e.exitCode()).hasValue(0);
              assertThat(e.durationMillis()).isNotNegative();
              assertThat(e.argumentNames()).containsExactlyInAnyOrder("name", "times", "tone");
              assertThat(e.argumentValues())
                  .containsEntry("name", hostile)
                  .containsEntry("times", "3")
                  .containsEntry("tone", "warm");
            });
  }

  @Test
  void argumentsAreCheckedBeforeAnythingRuns() throws IOException {
    SkillEngine engine = serviceLoaderEngine();
    assertThatThrownBy(
            () ->
                engine.execute(
                    "greeter",
                    "hello",
                    Map.of("times", "three", "tone", "loud", "nmae", "x"),
                    ExecuteOptions.defaults()))
        .isInstanceOf(ConfigurationException.class)
        .satisfies(t -> assertThat(((ConfigurationException) t).problems()).hasSize(4))
        .hasMessageContaining("missing required parameter \"name\"")
        .hasMessageContaining("parameter \"times\" must be of type integer, found a string")
        .hasMessageContaining(
            "parameter \"tone\" is not one of its allowed values (allowed: \"warm\", \"dry\")")
        .hasMessageContaining("has no parameter \"nmae\"; did you mean \"name\"?");
    assertThat(auditEvents()).isEmpty();
    assertThatThrownBy(() -> engine.execute("greeter", "helo", Map.of(), ExecuteOptions.defaults()))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("hello");
    assertThatThrownBy(
            () ->
                engine.execute(
                    "greeter",
                    "hello",
                    Map.of("name", "x"),
                    ExecuteOptions.builder().instance("nope").build()))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("no instance \"nope\"")
        .hasMessageContaining("friendly");
  }

  @Test
  void instanceConfigReachesTheSkillAsEnvironmentVariables() {
    SkillEngine engine = serviceLoaderEngine();
    ExecutionResult greeting =
        engine.execute("env", "SKILL_CONFIG_GREETING", Map.of(), ExecuteOptions.defaults());
    assertThat(greeting.stdout().text()).isEqualTo("Hello\n");
    ExecutionResult url =
        engine.execute("env", "SKILL_CONFIG_DB_URL", Map.of(), ExecuteOptions.defaults());
    assertThat(url.stdout().text()).isEqualTo("postgres://db\n");
    ExecutionResult other =
        engine.execute(
            "env",
            "SKILL_CONFIG_GREETING",
            Map.of(),
            ExecuteOptions.builder().instance("other").build());
    assertThat(other.stdout().text()).isEqualTo("Hi\n");
    ExecutionResult instance =
        engine.execute(
            "env", "SKILL_INSTANCE", Map.of(), ExecuteOptions.builder().instance("other").build());
    assertThat(instance.stdout().text()).isEqualTo("other\n");
    // the host environment does not leak in
    ExecutionResult path = engine.execute("env", "PATH", Map.of(), ExecuteOptions.defaults());
    assertThat(path.exitCode()).hasValue(1);
    // positional arguments follow the tool name for skills without tools
    ExecutionResult two =
        engine.execute(
            "env",
            "SKILL_INSTANCE",
            Map.of(),
            ExecuteOptions.builder().positionalArguments(List.of("SKILL_CONFIG_GREETING")).build());
    assertThat(two.stdout().text()).isEqualTo("default\nHello\n");
  }

  @Test
  void theOutputListenerAndTheCancellationReachTheRuntime() {
    SkillEngine engine = serviceLoaderEngine();
    java.io.ByteArrayOutputStream streamed = new java.io.ByteArrayOutputStream();
    ExecutionResult r =
        engine.execute(
            "greeter",
            "hello",
            Map.of("name", "ann"),
            ExecuteOptions.builder()
                .outputListener((stream, chunk) -> streamed.writeBytes(chunk))
                .build());
    assertThat(streamed.toString(StandardCharsets.UTF_8))
        .isEqualTo(r.stdout().text())
        .contains("[ann]");

    dev.skillrt.api.Cancellation cancelled = dev.skillrt.api.Cancellation.create();
    cancelled.cancel();
    ExecutionResult c =
        engine.execute(
            "greeter",
            "hello",
            Map.of("name", "ann"),
            ExecuteOptions.builder().cancellation(cancelled).build());
    assertThat(c.status()).isEqualTo(ExecutionStatus.CANCELLED);
  }

  @Test
  void stdinJsonSendsTheArgumentsAsOneObject() {
    SkillEngine engine = serviceLoaderEngine();
    ExecutionResult r =
        engine.execute("stdin", "echo", Map.of("text", "a \"b\"\nc"), ExecuteOptions.defaults());
    assertThat(r.stdout().text()).isEqualTo("{\"text\":\"a \\\"b\\\"\\nc\",\"count\":2}");
    assertThatThrownBy(
            () ->
                engine.execute(
                    "stdin",
                    "echo",
                    Map.of("text", "x"),
                    ExecuteOptions.builder().stdin("more").build()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("reads its arguments as JSON on stdin");
  }

  @Test
  void secretsStayOutOfTheAuditLogAndAreHandedToTheRuntimeForRedaction() throws IOException {
    SkillEngine engine = serviceLoaderEngine();
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("user", "ann");
    args.put("password", "pa55-word-secret");
    com.fasterxml.jackson.databind.JsonNode argsTree =
        new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(args);
    ExecutionRequest request = engine.plan("greeter", "login", argsTree, ExecuteOptions.defaults());
    assertThat(request.secretValues()).contains("pa55-word-secret", "instance-secret-key-42");
    assertThat(request.environment())
        .containsEntry("SKILL_CONFIG_API_KEY", "instance-secret-key-42");

    engine.execute("greeter", "login", args, ExecuteOptions.defaults());
    String audit = Files.readString(dir.resolve("audit/events.jsonl"), StandardCharsets.UTF_8);
    assertThat(audit)
        .contains("\"password\"")
        .contains("ann")
        .doesNotContain("pa55-word-secret")
        .doesNotContain("instance-secret-key-42");
    assertThat(auditEvents())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.argumentNames()).containsExactlyInAnyOrder("user", "password");
              assertThat(e.argumentValues()).containsOnlyKeys("user");
            });
  }

  @Test
  void aCallMayTightenLimitsButNeverLoosenThem() {
    RecordingRuntimeProvider nativeRuntime = new RecordingRuntimeProvider("native");
    SkillEngine engine = recordingEngine(nativeRuntime);
    ExecutionResult tighter =
        engine.execute(
            "busy",
            "run",
            Map.of(),
            ExecuteOptions.builder()
                .limits(Limits.builder().timeout(Duration.ofSeconds(1)).build())
                .build());
    assertThat(tighter.succeeded()).isTrue();
    assertThat(nativeRuntime.requests.get(0).limits().timeout()).contains(Duration.ofSeconds(1));
    assertThat(nativeRuntime.requests.get(0).limits().memory())
        .contains(dev.skillrt.api.DataSize.ofMebibytes(128));

    // the engine's own rules (checked by the engine, never put in the request) refuse a request
    // that loosens the limits, asks for the network or mounts what the manifest does not grant
    ExecutionRequest planned =
        engine.plan(
            "busy", "run", JsonNodeFactory.instance.objectNode(), ExecuteOptions.defaults());
    assertThat(planned.policyRules()).isEmpty();
    List<dev.skillrt.api.PolicyRule> rules =
        dev.skillrt.engine.internal.GenericPolicyRules.forGrants(
            new dev.skillrt.engine.internal.Grants(false, List.of(), engine.limitsOf("busy"), 1));
    ExecutionRequest loosened =
        planned.toBuilder().limits(Limits.builder().timeout(Duration.ofMinutes(5)).build()).build();
    List<dev.skillrt.api.Violation> denied =
        dev.skillrt.api.PolicyRules.evaluate(rules, loosened, dev.skillrt.api.PolicyPhase.EXECUTE);
    assertThat(denied).isNotEmpty().extracting(v -> v.ruleId()).containsOnly("engine.limits");
    assertThat(denied.toString()).contains("timeout raised from").contains("memory removed");
    assertThat(
            dev.skillrt.api.PolicyRules.evaluate(
                rules,
                planned.toBuilder().networkAllowed(true).build(),
                dev.skillrt.api.PolicyPhase.EXECUTE))
        .extracting(v -> v.ruleId())
        .containsExactly("engine.network");
    assertThat(
            dev.skillrt.api.PolicyRules.evaluate(
                rules,
                planned.toBuilder().mount(dev.skillrt.api.Mount.readOnly(Path.of("/etc"))).build(),
                dev.skillrt.api.PolicyPhase.EXECUTE))
        .extracting(v -> v.ruleId())
        .containsExactly("engine.mounts");
  }

  @Test
  void maxConcurrentRequestsQueuesCallsAndFailsClearlyPastTheTimeout() throws Exception {
    RecordingRuntimeProvider nativeRuntime = new RecordingRuntimeProvider("native");
    nativeRuntime.hold = Duration.ofMillis(300);
    SkillEngine engine = recordingEngine(nativeRuntime);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<ExecutionResult>> calls = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        calls.add(
            pool.submit(() -> engine.execute("busy", "run", Map.of(), ExecuteOptions.defaults())));
      }
      for (Future<ExecutionResult> f : calls) {
        assertThat(f.get(10, TimeUnit.SECONDS).succeeded()).isTrue();
      }
      assertThat(nativeRuntime.maxRunning.get()).isEqualTo(1);

      nativeRuntime.hold = Duration.ofMillis(1500);
      Future<ExecutionResult> first =
          pool.submit(() -> engine.execute("busy", "run", Map.of(), ExecuteOptions.defaults()));
      while (nativeRuntime.running.get() == 0) {
        Thread.sleep(5);
      }
      ExecuteOptions impatient =
          ExecuteOptions.builder()
              .limits(Limits.builder().timeout(Duration.ofMillis(200)).build())
              .build();
      ExecutionResult second = engine.execute("busy", "run", Map.of(), impatient);
      assertThat(second.status()).isEqualTo(ExecutionStatus.DENIED);
      assertThat(second.message())
          .contains("max_concurrent_requests")
          .contains("busy")
          .contains("retry later");
      assertThatThrownBy(
              () ->
                  engine.execute(
                      "busy",
                      "run",
                      Map.of(),
                      ExecuteOptions.builder()
                          .limits(Limits.builder().timeout(Duration.ofMillis(100)).build())
                          .throwOnDenial(true)
                          .build()))
          .isInstanceOf(PolicyViolationException.class)
          .hasMessageContaining(dev.skillrt.api.Violation.TOO_MANY_CALLS);
      assertThat(first.get(10, TimeUnit.SECONDS).succeeded()).isTrue();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aCallWaitingForASlotCanBeCancelled() throws Exception {
    RecordingRuntimeProvider nativeRuntime = new RecordingRuntimeProvider("native");
    nativeRuntime.hold = Duration.ofMillis(3000);
    SkillEngine engine = recordingEngine(nativeRuntime);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<ExecutionResult> first =
          pool.submit(() -> engine.execute("busy", "run", Map.of(), ExecuteOptions.defaults()));
      while (nativeRuntime.running.get() == 0) {
        Thread.sleep(5);
      }
      dev.skillrt.api.Cancellation cancellation = dev.skillrt.api.Cancellation.create();
      Future<ExecutionResult> waiting =
          pool.submit(
              () ->
                  engine.execute(
                      "busy",
                      "run",
                      Map.of(),
                      ExecuteOptions.builder().cancellation(cancellation).build()));
      Thread.sleep(200);
      long start = System.nanoTime();
      cancellation.cancel();
      ExecutionResult second = waiting.get(10, TimeUnit.SECONDS);
      assertThat(second.status()).isEqualTo(ExecutionStatus.CANCELLED);
      assertThat(second.message()).contains("max_concurrent_requests");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
      assertThat(first.get(10, TimeUnit.SECONDS).succeeded()).isTrue();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aRuntimeFaultIsAuditedAndReachesTheCaller() throws IOException {
    RecordingRuntimeProvider nativeRuntime = new RecordingRuntimeProvider("native");
    nativeRuntime.fault = true;
    SkillEngine engine =
        SkillEngine.builder()
            .manifest(resource("busy.toml"))
            .environment(env())
            .registry(SkillRuntimeRegistry.of(List.of(nativeRuntime)))
            .auditFile(dir.resolve("audit/events.jsonl"))
            .build();
    engines.add(engine);
    assertThatThrownBy(() -> engine.execute("busy", "run", Map.of(), ExecuteOptions.defaults()))
        .isInstanceOf(dev.skillrt.api.SkillException.class)
        .hasMessageContaining("lost its engine");
    assertThat(auditEvents())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.status()).isEqualTo("ERROR");
              assertThat(e.runtime()).isEqualTo("native");
              assertThat(e.exitCode()).isEmpty();
            });
  }

  @Test
  void runtimesAreCreatedLazilyAndClosedWithTheEngine() {
    RecordingRuntimeProvider nativeRuntime = new RecordingRuntimeProvider("native");
    SkillEngine engine = recordingEngine(nativeRuntime);
    assertThat(nativeRuntime.created.get()).isZero();
    engine.execute("busy", "run", Map.of(), ExecuteOptions.defaults());
    engine.execute("busy", "run", Map.of(), ExecuteOptions.defaults());
    assertThat(nativeRuntime.created.get()).isEqualTo(1);
    engine.close();
    assertThat(nativeRuntime.closed.get()).isEqualTo(1);
    assertThatThrownBy(() -> engine.execute("busy", "run", Map.of(), ExecuteOptions.defaults()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void describesSkillsForTheCommandLine() {
    SkillEngine engine = serviceLoaderEngine();
    assertThat(engine.skills()).containsExactly("greeter", "env", "stdin");
    assertThat(engine.runtimeOf("greeter")).isEqualTo("test-process");
    assertThat(engine.tools("greeter")).extracting(t -> t.name()).containsExactly("hello", "login");
    assertThat(engine.instancesOf("env"))
        .extracting(i -> i.name())
        .containsExactly("default", "other");
    assertThat(engine.limitsOf("greeter").timeout()).contains(Duration.ofSeconds(20));
    assertThat(engine.parametersSchema("greeter", "hello").toString())
        .isEqualTo(
            "{\"type\":\"object\",\"description\":\"Say hello\",\"properties\":{"
                + "\"name\":{\"type\":\"string\"},"
                + "\"times\":{\"type\":\"integer\",\"default\":1},"
                + "\"nickname\":{\"type\":\"string\"},"
                + "\"tone\":{\"type\":\"string\",\"default\":\"warm\",\"enum\":[\"warm\",\"dry\"]}},"
                + "\"required\":[\"name\"],\"additionalProperties\":false}");
  }

  @Test
  void validateRunsEveryPolicyRuleWithoutExecuting() {
    RecordingRuntimeProvider nativeRuntime = new RecordingRuntimeProvider("native");
    RecordingRuntimeProvider docker = new RecordingRuntimeProvider("docker");
    RecordingRuntimeProvider wasm = new RecordingRuntimeProvider("wasm");
    SkillEngine engine =
        SkillEngine.builder()
            .manifest(resource("full.toml"))
            .environment(env())
            .registry(SkillRuntimeRegistry.of(List.of(nativeRuntime, docker, wasm)))
            .build();
    engines.add(engine);
    ValidationReport report = engine.validate();
    assertThat(report.errors())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.source()).endsWith("full.toml");
              assertThat(p.line()).isPositive();
              assertThat(p.message())
                  .contains(
                      "skill \"converter\" tool \"convert\": [docker.gpus] GPUs are not allowed here");
            });
    assertThat(docker.created.get() + nativeRuntime.created.get() + wasm.created.get()).isZero();
    assertThatThrownBy(report::throwIfInvalid)
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("docker.gpus");
  }

  private SkillEngine recordingEngine(RecordingRuntimeProvider nativeRuntime) {
    SkillEngine e =
        SkillEngine.builder()
            .manifest(resource("busy.toml"))
            .environment(env())
            .registry(SkillRuntimeRegistry.of(List.of(nativeRuntime)))
            .build();
    engines.add(e);
    return e;
  }
}
