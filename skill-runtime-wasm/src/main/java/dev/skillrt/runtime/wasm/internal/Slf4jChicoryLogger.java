package dev.skillrt.runtime.wasm.internal;

import com.dylibso.chicory.log.Logger;
import org.slf4j.LoggerFactory;

/** Chicory's log lines (e.g. WASI traces) through slf4j, so they follow the host's settings. */
final class Slf4jChicoryLogger implements Logger {

  static final Slf4jChicoryLogger INSTANCE = new Slf4jChicoryLogger();

  private final org.slf4j.Logger log = LoggerFactory.getLogger("dev.skillrt.runtime.wasm.chicory");

  @Override
  public void log(Level level, String msg, Throwable throwable) {
    switch (level) {
      case TRACE, ALL -> log.trace(msg, throwable);
      case DEBUG -> log.debug(msg, throwable);
      case INFO -> log.info(msg, throwable);
      case WARNING -> log.warn(msg, throwable);
      case ERROR -> log.error(msg, throwable);
      default -> {}
    }
  }

  @Override
  public boolean isLoggable(Level level) {
    return switch (level) {
      case TRACE, ALL -> log.isTraceEnabled();
      case DEBUG -> log.isDebugEnabled();
      case INFO -> log.isInfoEnabled();
      case WARNING -> log.isWarnEnabled();
      case ERROR -> log.isErrorEnabled();
      default -> false;
    };
  }
}
