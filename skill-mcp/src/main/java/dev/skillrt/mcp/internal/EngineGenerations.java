package dev.skillrt.mcp.internal;

import dev.skillrt.engine.SkillEngine;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine the server currently serves and the ones it replaced: a replaced engine is closed once
 * the last call that started on it has ended, so a manifest edit never kills a call in flight.
 * Thread-safe.
 */
public final class EngineGenerations {

  private static final Logger LOG = LoggerFactory.getLogger(EngineGenerations.class);

  /** One engine with its tools and the calls running on it. */
  public static final class Generation {
    private final ServedTools tools;
    private final AtomicInteger users = new AtomicInteger();
    private volatile boolean retired;

    Generation(ServedTools tools) {
      this.tools = tools;
    }

    public ServedTools tools() {
      return tools;
    }

    private void closeIfDone() {
      if (retired && users.get() == 0) {
        try {
          tools.engine().close();
        } catch (RuntimeException e) {
          LOG.warn("closing a replaced skill engine failed: {}", e.toString());
        }
      }
    }
  }

  private final AtomicReference<Generation> current;
  private final Function<SkillEngine, ServedTools> toolsOf;
  private volatile boolean closed;

  public EngineGenerations(SkillEngine first, Function<SkillEngine, ServedTools> toolsOf) {
    this.toolsOf = toolsOf;
    this.current = new AtomicReference<>(new Generation(toolsOf.apply(first)));
  }

  public ServedTools current() {
    return currentGeneration().tools();
  }

  /** The current generation, held until {@link #release}; null once closed. */
  public @Nullable Generation acquire() {
    while (!closed) {
      Generation g = currentGeneration();
      g.users.incrementAndGet();
      if (!g.retired) {
        return g;
      }
      release(g);
    }
    return null;
  }

  public void release(Generation g) {
    g.users.decrementAndGet();
    g.closeIfDone();
  }

  /** Serves a new engine from now on; the old one closes when its last call ends. */
  public ServedTools replace(SkillEngine engine) {
    Generation next = new Generation(toolsOf.apply(engine));
    Generation old = current.getAndSet(next);
    old.retired = true;
    old.closeIfDone();
    if (closed) {
      next.retired = true;
      next.closeIfDone();
    }
    return next.tools();
  }

  private Generation currentGeneration() {
    // set in the constructor and only ever replaced by another generation
    return Objects.requireNonNull(current.get(), "no current generation");
  }

  /** Retires the current engine: it closes now, or when its last call ends. */
  public void close() {
    closed = true;
    Generation g = currentGeneration();
    g.retired = true;
    g.closeIfDone();
  }
}
