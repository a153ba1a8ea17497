package com.example.template;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.LimitKind;
import dev.skillrt.spi.AbstractSkillRuntime;
import dev.skillrt.spi.RuntimeCapabilities;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs {@link TemplateSpec}s inside the calling thread: no process, no thread of its own. It
 * enforces a timeout and an output cap, and has nothing to keep off a network or a host folder
 * (it reaches neither). Thread-safe.
 */
final class TemplateRuntime extends AbstractSkillRuntime {

  static final RuntimeCapabilities CAPABILITIES =
      new RuntimeCapabilities(EnumSet.of(LimitKind.TIMEOUT, LimitKind.OUTPUT), true, false, true, true);

  private final AtomicLong ids = new AtomicLong();
  private final Map<String, TemplateCall> running = new ConcurrentHashMap<>();

  TemplateRuntime() {
    super(TemplateRuntimeProvider.ID);
  }

  @Override
  public RuntimeCapabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  protected ExecutionResult run(ExecutionRequest request) {
    String id = "template-call-" + ids.incrementAndGet();
    TemplateCall call = new TemplateCall(id, request);
    running.put(id, call);
    try {
      if (isClosed()) {
        call.closing(); // closed between the caller's check and here
      }
      return call.run();
    } finally {
      running.remove(id);
    }
  }

  @Override
  protected void shutdown() {
    running.values().forEach(TemplateCall::closing);
  }

  /** The ids of the calls under way (a result names its call in {@code metadata.call}). */
  Set<String> running() {
    return Set.copyOf(running.keySet());
  }
}
