package dev.skillrt.runtime.wasm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.log.Logger.Level;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Chicory's log lines, errors included, are debug lines of the runtime: at the info level the tests
 * log at (and the warn level of the {@code skill} command), none is written.
 */
class Slf4jChicoryLoggerTests {

  @Test
  void chicorysErrorsAndWarningsAreDebugLines() {
    assertThat(LoggerFactory.getLogger(Slf4jChicoryLogger.NAME).isDebugEnabled()).isFalse();
    assertThat(LoggerFactory.getLogger(Slf4jChicoryLogger.NAME).isErrorEnabled()).isTrue();

    for (Level level : new Level[] {Level.ERROR, Level.WARNING, Level.INFO, Level.DEBUG}) {
      assertThat(Slf4jChicoryLogger.INSTANCE.isLoggable(level)).as(level.name()).isFalse();
    }
  }
}
