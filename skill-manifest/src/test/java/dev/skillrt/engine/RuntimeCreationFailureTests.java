package dev.skillrt.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.RuntimeUnavailableException;
import dev.skillrt.spi.Availability;
import dev.skillrt.spi.RuntimeConfig;
import dev.skillrt.spi.SettingsInput;
import dev.skillrt.spi.SkillRuntime;
import dev.skillrt.spi.SkillRuntimeProvider;
import dev.skillrt.spi.SkillRuntimeRegistry;
import dev.skillrt.spi.SkillSettings;
import dev.skillrt.testing.ProcessTestRuntimeProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runtime whose creation failed is not created again on every call: the engine remembers the
 * failure for the configured time, so concurrent and following calls fail at once with the original
 * reasons, and the first call after that time tries again.
 */
class RuntimeCreationFailureTests {

  @TempDir Path dir;

  /** The test runtime, which can only be created while its "engine socket" file exists. */
  static final class NeedsSocketProvider implements SkillRuntimeProvider {
    final ProcessTestRuntimeProvider real = new ProcessTestRuntimeProvider();
    final Path socket;
    final AtomicInteger attempts = new AtomicInteger();

    NeedsSocketProvider(Path socket) {
      this.socket = socket;
    }

    @Override
    public String id() {
      return real.id();
    }

    @Override
    public Availability probe(RuntimeConfig config) {
      return Files.exists(socket)
          ? Availability.ok()
          : Availability.unavailable("no socket at " + socket);
    }

    @Override
    public SkillSettings settings(SettingsInput input) {
      return real.settings(input);
    }

    @Override
    public SkillRuntime create(RuntimeConfig config) {
      attempts.incrementAndGet();
      if (!Files.exists(socket)) {
        throw new RuntimeUnavailableException(
            id(), List.of("no engine at " + socket + ": file not found"));
      }
      return real.create(config);
    }
  }

  private SkillEngine engine(NeedsSocketProvider provider, Duration remember) throws Exception {
    Path manifest =
        Files.writeString(
            dir.resolve("skills.toml"),
            """
            [skills.echo]
            source = "./echo"
            runtime = "test-process"
            [skills.echo.test-process]
            command = "echo"
            """);
    return SkillEngine.builder()
        .manifest(manifest)
        .environment(Map.of("PATH", "/usr/bin:/bin"))
        .registry(SkillRuntimeRegistry.of(List.of(provider)))
        .rememberRuntimeFailureFor(remember)
        .build();
  }

  private static Throwable failureOf(SkillEngine engine) {
    try {
      ExecutionResult r = engine.execute("echo", "hi", Map.of(), ExecuteOptions.defaults());
      throw new AssertionError("the call ran although its runtime cannot be created: " + r);
    } catch (RuntimeUnavailableException e) {
      return e;
    }
  }

  @Test
  void concurrentAndLaterCallsShareOneFailedAttemptAndItsReasons() throws Exception {
    NeedsSocketProvider provider = new NeedsSocketProvider(dir.resolve("engine.sock"));
    try (SkillEngine engine = engine(provider, Duration.ofHours(1))) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<Throwable>> calls = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
          calls.add(pool.submit(() -> failureOf(engine)));
        }
        for (Future<Throwable> f : calls) {
          assertThat(f.get())
              .hasMessageContaining("no engine at " + provider.socket + ": file not found");
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(provider.attempts).as("creation attempts for 64 calls").hasValue(1);
      Files.createFile(provider.socket); // the engine is back, yet within the hour nothing probes
      assertThat(failureOf(engine)).hasMessageContaining("not tried again for 3600000 ms");
      assertThat(provider.attempts).hasValue(1);
    }
  }

  @Test
  void theFirstCallAfterTheTimeTriesAgainAndRuns() throws Exception {
    NeedsSocketProvider provider = new NeedsSocketProvider(dir.resolve("engine.sock"));
    try (SkillEngine engine = engine(provider, Duration.ZERO)) {
      failureOf(engine);
      failureOf(engine);
      assertThat(provider.attempts).hasValue(2);
      Files.createFile(provider.socket);
      ExecutionResult r = engine.execute("echo", "hi", Map.of(), ExecuteOptions.defaults());
      assertThat(r.succeeded()).as(r.message()).isTrue();
      assertThat(r.stdout().text()).isEqualTo("hi\n");
      engine.execute("echo", "again", Map.of(), ExecuteOptions.defaults());
      assertThat(provider.attempts).as("created once, then reused").hasValue(3);
    }
  }
}
