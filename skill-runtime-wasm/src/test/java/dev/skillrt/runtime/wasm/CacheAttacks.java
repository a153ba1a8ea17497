package dev.skillrt.runtime.wasm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * Builds what an attacker plants in the compiled-module cache, and captures the runtime's warnings.
 */
final class CacheAttacks {

  private CacheAttacks() {}

  /**
   * A payload in Chicory's own format (what its compiler hands to the cache and loads back: a JAR
   * with {@code wasm-module.properties} naming the main class, and the class files) whose main
   * class is {@link PlantedCode}.
   */
  static byte[] plantedPayload() throws IOException {
    String className = PlantedCode.class.getName();
    String resource = "/" + className.replace('.', '/') + ".class";
    byte[] classBytes;
    try (InputStream in = CacheAttacks.class.getResourceAsStream(resource)) {
      classBytes = in.readAllBytes();
    }
    ByteArrayOutputStream jar = new ByteArrayOutputStream();
    try (JarOutputStream out = new JarOutputStream(jar)) {
      Properties properties = new Properties();
      properties.put("mainClass", className);
      ByteArrayOutputStream props = new ByteArrayOutputStream();
      properties.store(props, "");
      out.putNextEntry(new JarEntry("wasm-module.properties"));
      out.write(props.toByteArray());
      out.closeEntry();
      out.putNextEntry(new JarEntry(className.replace('.', '/') + ".class"));
      out.write(classBytes);
      out.closeEntry();
    }
    return jar.toByteArray();
  }

  /**
   * An entry in the format the cache used to accept: magic line, sha-256 of the payload, payload.
   */
  static byte[] oldFormatEntry(byte[] payload) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("skillrt-wasm-cache-1\n".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(MessageDigest.getInstance("SHA-256").digest(payload));
    out.writeBytes(payload);
    return out.toByteArray();
  }

  /** The sha-256 of a file, lower-case hex: the name of its cache entry. */
  static String sha256Hex(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  /** Chicory's cache key for a module file ({@code sha-256:<base64>}). */
  static String chicoryKey(Path module) {
    return com.dylibso.chicory.wasm.Parser.parse(module).digest();
  }

  /** The Chicory version folder name the cache uses. */
  static String versionFolder() throws IOException {
    try (InputStream in =
        com.dylibso.chicory.compiler.MachineFactoryCompiler.class.getResourceAsStream(
            "/META-INF/maven/com.dylibso.chicory/compiler/pom.properties")) {
      Properties p = new Properties();
      p.load(in);
      return "chicory-" + p.getProperty("version");
    }
  }

  /** Runs {@code action} and returns what it (and the runtime's logger) wrote to stderr. */
  static String stderrOf(ThrowingRunnable action) throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    String text = captured.toString(StandardCharsets.UTF_8);
    original.print(text);
    return text;
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }
}
