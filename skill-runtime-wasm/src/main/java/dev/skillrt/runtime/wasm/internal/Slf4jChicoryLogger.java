package dev.skillrt.runtime.wasm.internal;

import com.dylibso.chicory.log.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chicory's log lines through slf4j, at debug level (its traces at trace), under {@code
 * dev.skillrt.runtime.wasm.chicory}. What Chicory logs is about what a module asked for (a WASI
 * function it does not support, say), which the module already learns from the errno: it is no
 * error of the host, and at warn or error level it would land among the output of the command that
 * ran the skill (the {@code skill} command logs warnings to stderr).
 */
final class Slf4jChicoryLogger implements Logger {

  static final Slf4jChicoryLogger INSTANCE = new Slf4jChicoryLogger();

  /** The slf4j logger Chicory's lines go to. */
  static final String NAME = "dev.skillrt.runtime.wasm.chicory";

  private final org.slf4j.Logger log = LoggerFactory.getLogger(NAME);

  @Override
  public void log(Level level, String msg, Throwable throwable) {
    switch (level) {
      case TRACE, ALL -> log.trace(msg, throwable);
      case DEBUG, INFO, WARNING, ERROR -> log.debug("{}", msg, throwable);
      default -> {}
    }
  }

  @Override
  public boolean isLoggable(Level level) {
    return switch (level) {
      case TRACE, ALL -> log.isTraceEnabled();
      case DEBUG, INFO, WARNING, ERROR -> log.isDebugEnabled();
      default -> false;
    };
  }
}
