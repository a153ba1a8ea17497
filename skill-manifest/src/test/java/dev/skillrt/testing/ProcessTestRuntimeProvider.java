package dev.skillrt.testing;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.StreamKind;
import dev.skillrt.spi.AbstractSkillRuntime;
import dev.skillrt.spi.Availability;
import dev.skillrt.spi.OutputCapture;
import dev.skillrt.spi.RuntimeCapabilities;
import dev.skillrt.spi.RuntimeConfig;
import dev.skillrt.spi.RuntimeConfigReader;
import dev.skillrt.spi.SettingsInput;
import dev.skillrt.spi.SkillRuntime;
import dev.skillrt.spi.SkillRuntimeProvider;
import dev.skillrt.spi.SkillSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A minimal real backend for the engine's tests, found by ServiceLoader under the id {@code
 * test-process}: runs the {@code command} of {@code [skills.NAME.test-process]} as a host process
 * (no shell) with exactly the request's environment and stdin, and captures its output.
 */
public final class ProcessTestRuntimeProvider implements SkillRuntimeProvider {

  public static final String ID = "test-process";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Availability probe(RuntimeConfig config) {
    return Availability.ok();
  }

  /** {@code [skills.NAME.test-process]} with {@code command}, the program. */
  @Override
  public SkillSettings settings(SettingsInput input) {
    return TableSettings.read(ID, input, List.of("command"));
  }

  /** One setting, {@code kill-grace} (a duration), read as every runtime reads its settings. */
  @Override
  public void checkConfig(RuntimeConfig config) {
    RuntimeConfigReader reader = config.reader(ID);
    reader.duration("kill-grace", java.time.Duration.ofMillis(100));
    reader.finish();
  }

  @Override
  public SkillRuntime create(RuntimeConfig config) {
    checkConfig(config);
    return new AbstractSkillRuntime(ID) {
      @Override
      public RuntimeCapabilities capabilities() {
        return new RuntimeCapabilities(
            EnumSet.of(
                dev.skillrt.api.LimitKind.TIMEOUT,
                dev.skillrt.api.LimitKind.OUTPUT,
                dev.skillrt.api.LimitKind.MEMORY,
                dev.skillrt.api.LimitKind.CPUS,
                dev.skillrt.api.LimitKind.PROCESSES),
            true,
            true,
            true,
            true);
      }

      @Override
      protected ExecutionResult run(ExecutionRequest request) {
        TableSpec spec = request.spec(TableSpec.class);
        List<String> argv = new ArrayList<>();
        argv.add(spec.table().get("command"));
        argv.addAll(spec.arguments());
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().clear();
        pb.environment().putAll(request.environment());
        try {
          Process p = pb.start();
          OutputCapture out =
              new OutputCapture(
                  StreamKind.STDOUT,
                  request.limits().effectiveOutputPerStream(),
                  request.outputListener(),
                  () -> {});
          OutputCapture err =
              new OutputCapture(
                  StreamKind.STDERR,
                  request.limits().effectiveOutputPerStream(),
                  request.outputListener(),
                  () -> {});
          Thread t1 = new Thread(() -> out.drain(p.getInputStream()));
          Thread t2 = new Thread(() -> err.drain(p.getErrorStream()));
          t1.start();
          t2.start();
          try (OutputStream in = p.getOutputStream()) {
            in.write(request.stdin());
          }
          long seconds = request.limits().timeout().map(d -> d.toSeconds()).orElse(30L);
          if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            t1.join();
            t2.join();
            return ExecutionResult.builder(ExecutionStatus.TIMED_OUT)
                .stdout(out.result())
                .stderr(err.result())
                .build();
          }
          t1.join();
          t2.join();
          int code = p.exitValue();
          return ExecutionResult.builder(
                  code == 0 ? ExecutionStatus.SUCCEEDED : ExecutionStatus.FAILED)
              .exitCode(code)
              .stdout(out.result())
              .stderr(err.result())
              .build();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return ExecutionResult.builder(ExecutionStatus.CANCELLED).build();
        }
      }
    };
  }
}
