package dev.skillrt.runtime.docker.policy;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The search of a folder about to be mounted for what must never reach a container: credential
 * folders ({@link HostPaths#CREDENTIAL_NAMES}) and engine sockets, at any depth up to {@link
 * HostPaths#SCAN_MAX_DEPTH}. Symlinks are not followed (inside the container they resolve there,
 * not on the host). A tree deeper or larger than the bounds is refused as too large to check.
 */
final class MountScan extends SimpleFileVisitor<Path> {

  private final Path root;
  private int entries;
  private Optional<HostPaths.Refusal> refusal = Optional.empty();

  private MountScan(Path root) {
    this.root = root;
  }

  /** The refusal for what the folder holds; empty when it holds nothing forbidden. */
  static Optional<HostPaths.Refusal> inside(Path folder) {
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    MountScan scan = new MountScan(folder);
    try {
      Files.walkFileTree(
          folder, EnumSet.noneOf(FileVisitOption.class), HostPaths.SCAN_MAX_DEPTH, scan);
    } catch (IOException | RuntimeException e) {
      return Optional.of(
          new HostPaths.Refusal(
              HostPaths.Reason.UNRESOLVABLE,
              folder + " cannot be searched for credentials and sockets (" + e.getMessage()
                  + ")"));
    }
    return scan.refusal;
  }

  @Override
  public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
    return dir.equals(root) ? FileVisitResult.CONTINUE : judge(dir, attrs);
  }

  @Override
  public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
    FileVisitResult result = judge(file, attrs);
    if (result == FileVisitResult.CONTINUE && attrs.isDirectory() && holdsAnything(file)) {
      // a folder at the depth bound that is not empty: what lies below goes unchecked
      return tooLarge("it is more than " + HostPaths.SCAN_MAX_DEPTH + " levels deep");
    }
    return result;
  }

  @Override
  public FileVisitResult visitFileFailed(Path file, IOException e) {
    // unreadable here is unreadable to the skill's user too; what can be read is still judged
    return FileVisitResult.CONTINUE;
  }

  private FileVisitResult judge(Path entry, BasicFileAttributes attrs) {
    if (++entries > HostPaths.SCAN_MAX_ENTRIES) {
      return tooLarge("it holds more than " + HostPaths.SCAN_MAX_ENTRIES + " entries");
    }
    Path relative = root.relativize(entry);
    String name = entry.getFileName().toString();
    String relativeText = "/" + relative.toString().toLowerCase(Locale.ROOT);
    for (String credential : HostPaths.CREDENTIAL_NAMES) {
      if (relativeText.endsWith("/" + credential)) {
        return refuse(
            HostPaths.Reason.CREDENTIALS,
            root + " holds the credential " + (attrs.isDirectory() ? "folder " : "file ")
                + credential + " (at " + relative + ")");
      }
    }
    if (!attrs.isDirectory() && HostPaths.isEngineSocketName(name)) {
      return refuse(
          HostPaths.Reason.ENGINE_SOCKET,
          root + " holds the container engine socket " + name + " (at " + relative + ")");
    }
    return FileVisitResult.CONTINUE;
  }

  private static boolean holdsAnything(Path folder) {
    try (Stream<Path> children = Files.list(folder)) {
      return children.findAny().isPresent();
    } catch (IOException e) {
      return false;
    }
  }

  private FileVisitResult tooLarge(String why) {
    return refuse(
        HostPaths.Reason.TOO_LARGE,
        root + " is too large to check for credentials and engine sockets (" + why
            + "); mount a narrower folder");
  }

  private FileVisitResult refuse(HostPaths.Reason reason, String message) {
    refusal = Optional.of(new HostPaths.Refusal(reason, message));
    return FileVisitResult.TERMINATE;
  }
}
