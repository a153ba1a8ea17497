package dev.skillrt.runtime.nativeproc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.PolicyRule;
import dev.skillrt.api.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The program a call runs is the one its check approved: the run takes the check's decision and
 * never looks the program up again, so a program planted earlier on the runtime's PATH between the
 * check and the start does not run.
 */
class CheckedProgramTests {

  @TempDir Path dir;

  @Test
  void aProgramPlantedOnThePathAfterTheCheckDoesNotRun() throws Exception {
    Path early = Files.createDirectories(dir.resolve("early"));
    Path late = Files.createDirectories(dir.resolve("late"));
    Files.createSymbolicLink(late.resolve("greet"), Path.of("/bin/echo"));
    // runs after the runtime's own rules (it is the request's), i.e. after the program was resolved
    PolicyRule plant =
        PolicyRule.of(
            "test.plant",
            (request, phase) -> {
              try {
                Files.createSymbolicLink(early.resolve("greet"), Path.of("/bin/false"));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              return List.<Violation>of();
            });
    try (NativeSkillRuntime runtime =
        NativeTestSupport.runtime(Map.of("path", early + ":" + late))) {
      ExecutionResult r =
          runtime.execute(
              ExecutionRequest.builder(
                      "s",
                      "t",
                      new CommandSpec(
                          "greet",
                          List.of("approved"),
                          List.of("greet"),
                          List.of(),
                          SandboxMode.NONE))
                  .policyRule(plant)
                  .build());
      assertThat(r.succeeded()).as(r.message()).isTrue();
      assertThat(r.stdout().text()).isEqualTo("approved\n");
      assertThat(r.metadata()).containsEntry("program", late.resolve("greet").toString());
    }
  }
}
