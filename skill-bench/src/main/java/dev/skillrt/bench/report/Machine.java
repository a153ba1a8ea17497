package dev.skillrt.bench.report;

import java.util.Optional;

/**
 * The machine the figures come from: processors the JVM sees, the JDK, the OS and the JVM's maximum
 * heap. Immutable.
 */
public record Machine(int cores, String jdk, String os, long maxHeapMebibytes) {

  /** This JVM's machine; {@code jdk} as JMH recorded it, when it did. */
  public static Machine current(Optional<String> jdk) {
    String thisJdk =
        System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.vm.version")
            + ")";
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        jdk.orElse(thisJdk),
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"),
        Runtime.getRuntime().maxMemory() / (1024 * 1024));
  }
}
