package dev.skillrt.runtime.nativeproc.internal;

import dev.skillrt.api.internal.UnixAttributes;
import dev.skillrt.runtime.nativeproc.NativeRuntimeConfig;
import dev.skillrt.spi.PrivateFolder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call launcher built with this module ({@code src/main/c/skillrt-launch.c}), put where it can
 * run: a file named after its content in the work root, which only the JVM's user can change
 * ({@link WorkingFolder#secureRoot}). A file found there is used only when it is a regular file of
 * the JVM's user that nobody else can write and its content is the launcher's, byte for byte;
 * otherwise it is written again (to a temporary name, then moved into place).
 */
final class BundledLauncher {

  /** Where the build puts the launcher for this platform, beside this class. */
  static final String RESOURCE =
      "launcher/linux-" + System.getProperty("os.arch", "unknown") + "/skillrt-launch";

  private static final Logger LOG = LoggerFactory.getLogger(BundledLauncher.class);

  private BundledLauncher() {}

  /**
   * The launcher the {@code launcher} setting asks for: the bundled one (the default), a program at
   * an absolute path, or none ({@code "none"}: calls start through the util-linux helpers).
   */
  static Optional<Path> find(NativeRuntimeConfig config) {
    String setting = config.launcher();
    if (setting.equals(NativeRuntimeConfig.NO_LAUNCHER)) {
      return Optional.empty();
    }
    if (!setting.equals(NativeRuntimeConfig.BUNDLED_LAUNCHER)) {
      return Optional.of(Path.of(setting));
    }
    try {
      return install(config.workRoot());
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "the native runtime's launcher cannot be set up in {} ({}); calls start through the"
              + " util-linux helpers instead, which is slower",
          config.workRoot(),
          e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * The launcher, ready to run; empty when this build has none for this platform (built without a C
   * compiler, or another operating system or architecture).
   *
   * @throws IOException when the work root or the file cannot be made safe
   */
  static Optional<Path> install(Path workRoot) throws IOException {
    byte[] content;
    try (InputStream in = BundledLauncher.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return Optional.empty();
      }
      content = in.readAllBytes();
    }
    Path root = WorkingFolder.secureRoot(workRoot);
    Path target = root.resolve("skillrt-launch-" + digest(content).substring(0, 16));
    if (intact(target, content)) {
      return Optional.of(target);
    }
    Path fresh =
        Files.createTempFile(
            root,
            ".skillrt-launch-",
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.write(fresh, content);
      Files.setPosixFilePermissions(fresh, PosixFilePermissions.fromString("r-xr-xr-x"));
      Files.move(
          fresh, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(fresh);
    }
    if (!intact(target, content)) {
      throw new IOException("the launcher written to " + target + " changed after it was written");
    }
    return Optional.of(target);
  }

  private static boolean intact(Path file, byte[] content) throws IOException {
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    UnixAttributes a =
        UnixAttributes.read(file, "uid,mode,isRegularFile", LinkOption.NOFOLLOW_LINKS);
    return a.flag("isRegularFile")
        && a.intValue("uid") == PrivateFolder.jvmUid()
        && (a.intValue("mode") & 0022) == 0
        && Files.size(file) == content.length
        && Arrays.equals(Files.readAllBytes(file), content);
  }

  private static String digest(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }
}
