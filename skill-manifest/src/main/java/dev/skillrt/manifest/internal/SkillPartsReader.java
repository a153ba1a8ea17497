package dev.skillrt.manifest.internal;

import dev.skillrt.api.Mount;
import dev.skillrt.api.internal.Echo;
import dev.skillrt.api.internal.Suggestions;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads the parts of a skill every runtime shares: path grants, files, choices among names. */
final class SkillPartsReader {

  private final TreeReader tree;
  private final Path baseDirectory;

  SkillPartsReader(TreeReader tree, Path baseDirectory) {
    this.tree = tree;
    this.baseDirectory = baseDirectory;
  }

  Optional<Path> resolveFile(String file, List<String> p) {
    try {
      return Optional.of(baseDirectory.resolve(file).toAbsolutePath().normalize());
    } catch (InvalidPathException e) {
      tree.problem(p, Echo.quoted(file) + " is not a valid path");
      return Optional.empty();
    }
  }

  /** {@code HOST}, {@code HOST:GUEST} or {@code HOST:GUEST:ro|rw}. */
  Optional<Mount> mount(String spec, List<String> p, boolean readOnlyByDefault) {
    String[] parts = spec.split(":", -1);
    if (spec.isEmpty() || parts.length > 3 || parts[0].isEmpty()) {
      tree.problem(
          p,
          "a path grant is \"HOST\", \"HOST:GUEST\" or \"HOST:GUEST:ro|rw\", found "
              + Echo.quoted(spec));
      return Optional.empty();
    }
    boolean readOnly = readOnlyByDefault;
    if (parts.length == 3) {
      switch (parts[2]) {
        case "ro" -> readOnly = true;
        case "rw" -> readOnly = false;
        default -> {
          tree.problem(
              p,
              "the mode of "
                  + Echo.quoted(spec)
                  + " must be ro or rw, found "
                  + Echo.quoted(parts[2]));
          return Optional.empty();
        }
      }
    }
    Optional<Path> host = resolveFile(parts[0], p);
    if (host.isEmpty()) {
      return Optional.empty();
    }
    String guest = parts.length >= 2 && !parts[1].isEmpty() ? parts[1] : host.get().toString();
    if (!guest.startsWith("/")) {
      tree.problem(
          p, "the guest path of " + Echo.quoted(spec) + " must be absolute (start with /)");
      return Optional.empty();
    }
    return Optional.of(new Mount(host.get(), guest, readOnly));
  }

  <E extends Enum<E>> Optional<E> choice(String value, List<String> p, Class<E> type) {
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      String n = e.name().toLowerCase(Locale.ROOT);
      names.add(n);
      if (n.equals(value)) {
        return Optional.of(e);
      }
    }
    tree.problem(
        p,
        TreeReader.dotted(p)
            + " must be one of "
            + String.join(", ", names)
            + ", found "
            + Echo.quoted(value)
            + Suggestions.didYouMean(value, names));
    return Optional.empty();
  }
}
