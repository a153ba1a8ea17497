package dev.skillrt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skillrt.cli.Cli.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A manifest with one skill routed to a runtime nobody provides: list shows it unavailable with the
 * reason, validate reports it as an error, calling it fails with the same message, and the other
 * skill runs.
 */
class UnavailableRuntimeTests {

  private static final String WHY =
      "skill \"quantum\" runs on the runtime \"quantum-annealer\", which is not installed";

  @TempDir Path dir;
  Path manifest;

  @BeforeEach
  void write() throws Exception {
    manifest =
        Files.writeString(
            dir.resolve("mixed.toml"),
            """
            [skills.echo]
            source = "./echo"
            runtime = "native"
            description = "Echoes"
            [skills.echo.native]
            command = "echo"
            sandbox = "none"

            [skills.quantum]
            source = "./quantum"
            runtime = "quantum-annealer"
            description = "Needs hardware"
            [skills.quantum.quantum-annealer]
            qubits = 5000
            """);
  }

  private Outcome skill(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--manifest";
    all[1] = manifest.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return Cli.run(Cli.environment(), dir, "", all);
  }

  @Test
  void listShowsTheSkillAsUnavailableWithTheReason() throws Exception {
    Outcome r = skill("list");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains("echo")
        .contains("quantum")
        .contains("(unavailable) Needs hardware")
        .contains("unavailable: " + WHY);
    JsonNode json = new ObjectMapper().readTree(skill("list", "--json").out());
    assertThat(json.get(0).get("available").asBoolean()).isTrue();
    assertThat(json.get(1).get("available").asBoolean()).isFalse();
    assertThat(json.get(1).get("unavailable").asText()).contains(WHY);
  }

  @Test
  void validateReportsItAsAnError() {
    Outcome r = skill("validate");
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains(manifest + ":9:1: error: " + WHY).contains("1 error");
  }

  @Test
  void callingItFailsWithTheSameMessageWhileTheOtherSkillRuns() {
    Outcome quantum = skill("run", "quantum", "anneal");
    assertThat(quantum.code()).as(quantum.toString()).isNotZero();
    assertThat(quantum.err()).contains(WHY);
    Outcome echo = skill("run", "echo", "hello");
    assertThat(echo.code()).as(echo.toString()).isZero();
    assertThat(echo.out()).contains("hello");
  }
}
