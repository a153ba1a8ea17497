package com.example.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.spi.RuntimeConfig;
import dev.skillrt.spi.SkillRuntime;
import dev.skillrt.tck.KitFixtures;
import dev.skillrt.tck.SkillRuntimeCompatibilityKit;
import dev.skillrt.tck.StoppedCall;

/** The template runtime keeps every promise of the contract kit. */
class TemplateCompatibilityTests extends SkillRuntimeCompatibilityKit {

  @Override protected SkillRuntime createRuntime() {
    return new TemplateRuntimeProvider().create(RuntimeConfig.empty());
  }

  @Override protected KitFixtures fixtures() {
    return new TemplateFixtures();
  }

  /** A template call runs in its caller's thread: once it returned, it is off the runtime's list. */
  @Override protected void assertNothingLeftRunning(StoppedCall call) {
    assertThat(((TemplateRuntime) call.runtime()).running()).doesNotContain(call.result().metadata().get("call"));
  }
}
