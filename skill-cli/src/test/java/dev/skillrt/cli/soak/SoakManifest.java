package dev.skillrt.cli.soak;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The soak's skills: {@code w}, the WASI test skill ({@code skill.wasm}, built from
 * skill-runtime-wasm's {@code fixtures/skill.c}), and {@code n}, {@code sh} on the host; every host
 * process they start carries the soak's marker in its environment.
 */
final class SoakManifest {

  private SoakManifest() {}

  static Path write(Path dir, String marker) throws IOException {
    Path wasm = dir.resolve("skill.wasm");
    try (InputStream in = SoakManifest.class.getResourceAsStream("/soak/skill.wasm")) {
      Files.copy(in, wasm);
    }
    return Files.writeString(
        dir.resolve("soak.toml"),
        """
        [defaults]
        env.SKILLRT_SOAK = "%s"

        [skills.w]
        source = "./skill.wasm"
        [skills.w.limits]
        timeout = "10s"
        memory = "16m"
        output = "64k"
        [skills.w.tools.ok]
        args = ["exit", "0"]
        [skills.w.tools.fail]
        args = ["exit", "3"]
        [skills.w.tools.trap]
        args = ["trap"]
        [skills.w.tools.spin]
        args = ["sleep-forever"]
        [skills.w.tools.flood]
        args = ["print-forever"]
        [skills.w.tools.hog]
        args = ["alloc-forever"]

        [skills.n]
        source = "./n"
        runtime = "native"
        [skills.n.native]
        command = "sh"
        allowed_commands = ["sh"]
        sandbox = "none"
        [skills.n.limits]
        timeout = "10s"
        memory = "128m"
        output = "64k"
        [skills.n.tools.ok]
        args = ["-c", "echo ok"]
        [skills.n.tools.fail]
        args = ["-c", "echo failing >&2; exit 3"]
        [skills.n.tools.sleep]
        args = ["-c", "sleep 30"]
        [skills.n.tools.flood]
        args = ["-c", "yes"]
        [skills.n.tools.hog]
        args = ["-c", "dd if=/dev/zero of=/dev/null bs=512M count=1"]
        [skills.n.tools.escape]
        args = ["-c", "setsid sleep 300 </dev/null >/dev/null 2>&1 & echo left"]
        [skills.n.tools.fill]
        args = ["-c", "head -c 2097152 /dev/zero > big && echo wrote"]
        """
            .formatted(marker));
  }
}
