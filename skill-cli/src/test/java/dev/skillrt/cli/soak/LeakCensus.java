package dev.skillrt.cli.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a run of calls may leave behind, counted from the outside: host processes whose environment
 * holds a marker, entries under a work root, this JVM's open file descriptors and its live threads.
 */
record LeakCensus(
    List<String> markedProcesses,
    List<String> workFolders,
    int fileDescriptors,
    Set<String> threads) {

  static LeakCensus take(String marker, Path workRoot) throws IOException {
    return new LeakCensus(
        processesWith(marker), entries(workRoot), openFileDescriptors(), threadNames());
  }

  /** {@code pid: command line} of every process whose environment contains {@code marker}. */
  static List<String> processesWith(String marker) throws IOException {
    List<String> found = new ArrayList<>();
    byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p :
          procs
              .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
              .toList()) {
        try {
          byte[] env = Files.readAllBytes(p.resolve("environ"));
          if (indexOf(env, needle) >= 0) {
            String cmd =
                new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
            found.add(p.getFileName() + ": " + cmd.strip());
          }
        } catch (IOException gone) {
          // ended meanwhile, or a kernel thread
        }
      }
    }
    return found;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  static List<String> entries(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  static int openFileDescriptors() throws IOException {
    try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
      return (int) s.count();
    }
  }

  static Set<String> threadNames() {
    Set<String> names = new TreeSet<>();
    Thread.getAllStackTraces().keySet().forEach(t -> names.add(t.getName()));
    return names;
  }
}
