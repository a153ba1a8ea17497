package dev.skillrt.engine.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Micrometer is an optional dependency: an application without it on its class path builds and runs
 * engines (by the builder and by the Guice module) as before. The engine and these tests run here
 * in a class loader made of the test class path without any Micrometer or OpenTelemetry jar, so
 * touching a Micrometer class anywhere on the way fails with NoClassDefFoundError.
 */
class EngineWithoutMicrometerTests {

  @TempDir Path dir;

  @Test
  void anEngineRunsWithNoMicrometerOnTheClassPath() throws Exception {
    List<URL> urls = new ArrayList<>();
    List<String> left = new ArrayList<>();
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    for (String entry : classPath.split(File.pathSeparator)) {
      if (entry.contains("micrometer") || entry.contains("opentelemetry")) {
        left.add(entry);
      } else {
        urls.add(Path.of(entry).toUri().toURL());
      }
    }
    assertThat(left).as("the Micrometer jars this test leaves out").isNotEmpty();
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader withoutMicrometer =
        new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      assertThatThrownBy(
              () ->
                  Class.forName(
                      "io.micrometer.observation.ObservationRegistry", false, withoutMicrometer))
          .isInstanceOf(ClassNotFoundException.class);
      Thread.currentThread().setContextClassLoader(withoutMicrometer);
      Class<?> probe = Class.forName(WithoutMicrometer.class.getName(), true, withoutMicrometer);
      assertThat(probe.getClassLoader()).isSameAs(withoutMicrometer);
      Object out;
      try {
        out = probe.getMethod("run", Path.class).invoke(null, dir);
      } catch (InvocationTargetException e) {
        // rendered while the loader is open: its classes are needed to print it
        StringWriter trace = new StringWriter();
        e.getCause().printStackTrace(new PrintWriter(trace));
        throw new AssertionError(
            "the engine failed without Micrometer on the class path:\n" + trace);
      }
      assertThat(out).isEqualTo("built\ninjected\n");
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }
}
