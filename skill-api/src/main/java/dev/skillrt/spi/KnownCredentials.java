package dev.skillrt.spi;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The credential files of this host by inode, so that a hard link to one under an innocent name is
 * still recognised: the files in the credential folders of every home ({@code /root}, {@code
 * /home/*}, the JVM user's home) and the host's own secrets ({@code /etc/shadow}, SSH host keys).
 * Looked up only when a granted tree holds a file with more than one name; remembered for a few
 * seconds.
 */
final class KnownCredentials {

  private static final long TTL_NANOS = 10_000_000_000L;

  private static final List<Path> HOST_SECRETS =
      List.of(Path.of("/etc/shadow"), Path.of("/etc/gshadow"), Path.of("/etc/sudoers"));

  private static Map<List<Long>, Path> known = Map.of();
  private static long takenAt;
  private static boolean taken;

  private KnownCredentials() {}

  /** The known credential that is this inode, if any. */
  static synchronized Optional<Path> sameInodeAs(long device, long inode) {
    if (!taken || System.nanoTime() - takenAt > TTL_NANOS) {
      known = collect();
      takenAt = System.nanoTime();
      taken = true;
    }
    return Optional.ofNullable(known.get(List.of(device, inode)));
  }

  private static Map<List<Long>, Path> collect() {
    Map<List<Long>, Path> out = new HashMap<>();
    HOST_SECRETS.forEach(p -> add(out, p));
    addChildren(out, Path.of("/etc/ssh"), 1);
    for (Path home : homes()) {
      for (String name : HostPathPolicy.CREDENTIAL_NAMES) {
        Path p = home.resolve(name);
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          addChildren(out, p, 2);
        } else {
          add(out, p);
        }
      }
    }
    return out;
  }

  private static List<Path> homes() {
    List<Path> homes = new ArrayList<>();
    homes.add(Path.of("/root"));
    String own = System.getProperty("user.home", "");
    if (!own.isEmpty()) {
      homes.add(Path.of(own));
    }
    try (DirectoryStream<Path> users = Files.newDirectoryStream(Path.of("/home"))) {
      users.forEach(homes::add);
    } catch (IOException | RuntimeException e) {
      // no /home here
    }
    return homes;
  }

  private static void addChildren(Map<List<Long>, Path> out, Path folder, int depth) {
    if (depth == 0) {
      return;
    }
    try (DirectoryStream<Path> children = Files.newDirectoryStream(folder)) {
      for (Path child : children) {
        if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
          addChildren(out, child, depth - 1);
        } else {
          add(out, child);
        }
      }
    } catch (IOException | RuntimeException e) {
      // unreadable or missing: nothing to remember
    }
  }

  private static void add(Map<List<Long>, Path> out, Path file) {
    try {
      Map<String, Object> a = Files.readAttributes(file, "unix:dev,ino", LinkOption.NOFOLLOW_LINKS);
      out.put(List.of((Long) a.get("dev"), (Long) a.get("ino")), file);
    } catch (IOException | RuntimeException e) {
      // missing or unreadable
    }
  }
}
