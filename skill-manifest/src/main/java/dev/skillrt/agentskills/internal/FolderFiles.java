package dev.skillrt.agentskills.internal;

import dev.skillrt.agentskills.SkillFile;
import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.NotFoundException;
import dev.skillrt.api.internal.Echo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Lists and reads the files of a skill folder without ever leaving it. */
public final class FolderFiles {

  /** The most files listed for one skill. */
  public static final int MAX_FILES = 1000;

  /** The deepest folder listed. */
  public static final int MAX_DEPTH = 8;

  /** Files larger than this are listed without reading them for a digest. */
  public static final long MAX_DIGESTED = 16L << 20;

  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("md", "text/markdown"),
          Map.entry("txt", "text/plain"),
          Map.entry("py", "text/x-python"),
          Map.entry("sh", "text/x-shellscript"),
          Map.entry("js", "text/javascript"),
          Map.entry("mjs", "text/javascript"),
          Map.entry("json", "application/json"),
          Map.entry("html", "text/html"),
          Map.entry("css", "text/css"),
          Map.entry("csv", "text/csv"),
          Map.entry("xml", "application/xml"),
          Map.entry("yaml", "application/yaml"),
          Map.entry("yml", "application/yaml"),
          Map.entry("toml", "application/toml"),
          Map.entry("png", "image/png"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("jpeg", "image/jpeg"),
          Map.entry("gif", "image/gif"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("pdf", "application/pdf"),
          Map.entry("ttf", "font/ttf"));

  private FolderFiles() {}

  public static String mimeType(String path) {
    int dot = path.lastIndexOf('.');
    String ext = dot >= 0 ? path.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    return TYPES.getOrDefault(ext, "application/octet-stream");
  }

  /**
   * @param folder the folder's real path
   */
  public static List<SkillFile> list(Path folder) {
    List<SkillFile> out = new ArrayList<>();
    try {
      Files.walkFileTree(
          folder,
          EnumSet.noneOf(FileVisitOption.class),
          MAX_DEPTH,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              boolean hidden = !dir.equals(folder) && dir.getFileName().toString().startsWith(".");
              return hidden ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (out.size() >= MAX_FILES) {
                return FileVisitResult.TERMINATE;
              }
              if (file.getFileName().toString().startsWith(".")) {
                return FileVisitResult.CONTINUE;
              }
              Optional<Path> real =
                  attrs.isSymbolicLink() ? FolderPaths.inside(folder, file) : Optional.of(file);
              if (real.isEmpty() || !Files.isRegularFile(real.get(), LinkOption.NOFOLLOW_LINKS)) {
                return FileVisitResult.CONTINUE;
              }
              String relative = folder.relativize(file).toString().replace('\\', '/');
              out.add(new SkillFile(relative, size(real.get()), digest(real.get())));
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      // a folder that vanished lists what was found so far
    }
    out.sort(java.util.Comparator.comparing(SkillFile::path));
    return out;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  private static String digest(Path file) {
    if (size(file) > MAX_DIGESTED) {
      return "";
    }
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        sha.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      return "";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * The bytes of one file inside the folder.
   *
   * @param folder the folder's real path
   * @param where the skill, for messages
   */
  public static byte[] read(Path folder, String relativePath, int max, String where) {
    String shown = Echo.quoted(relativePath);
    String hint =
        "; give a path inside the skill folder such as references/guide.md (list them with its files)";
    if (relativePath.isEmpty()
        || relativePath.startsWith("/")
        || relativePath.startsWith("\\")
        || relativePath.indexOf('\0') >= 0
        || relativePath.matches("^[A-Za-z]:.*")) {
      throw refused(where + ": the path " + shown + " is empty or absolute" + hint);
    }
    String[] names = relativePath.replace('\\', '/').split("/");
    for (String n : names) {
      if (n.equals("..")) {
        throw refused(where + ": the path " + shown + " climbs out with \"..\"" + hint);
      }
      if (n.startsWith(".") && !n.equals(".")) {
        throw refused(where + ": the path " + shown + " names a hidden file" + hint);
      }
    }
    Path file;
    try {
      file = folder.resolve(relativePath).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      throw refused(where + ": " + shown + " is not a valid path" + hint);
    }
    if (!file.startsWith(folder)) {
      throw refused(where + ": the path " + shown + " leaves the skill folder" + hint);
    }
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new NotFoundException(
          NotFoundException.Kind.SKILL,
          relativePath,
          List.of(),
          where + " has no file " + shown + hint);
    }
    Optional<Path> real = FolderPaths.inside(folder, file);
    if (real.isEmpty()) {
      throw refused(
          where
              + ": "
              + shown
              + " is a symbolic link that leaves the skill folder; it is never read");
    }
    if (!Files.isRegularFile(real.get(), LinkOption.NOFOLLOW_LINKS)) {
      throw refused(where + ": " + shown + " is not a regular file" + hint);
    }
    try (SeekableByteChannel channel =
            Files.newByteChannel(
                real.get(), java.util.Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
        InputStream in = Channels.newInputStream(channel)) {
      if (channel.size() > max) {
        throw refused(tooLarge(where, shown, max));
      }
      byte[] bytes = in.readNBytes(max + 1);
      if (bytes.length > max) {
        throw refused(tooLarge(where, shown, max));
      }
      return bytes;
    } catch (IOException e) {
      throw refused(
          where + ": cannot read " + shown + ": " + Echo.of(String.valueOf(e.getMessage())));
    }
  }

  private static String tooLarge(String where, String shown, int max) {
    return where
        + ": "
        + shown
        + " is larger than "
        + (max >> 20)
        + " MiB, the most a resource may be;"
        + " split it into smaller files";
  }

  private static ConfigurationException refused(String message) {
    return new ConfigurationException(message);
  }
}
