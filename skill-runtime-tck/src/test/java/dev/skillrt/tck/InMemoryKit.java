package dev.skillrt.tck;

import dev.skillrt.spi.SkillRuntime;
import java.util.Set;

/**
 * The kit against the in-memory runtime with some flaws; {@link CompatibilityKitSelfTests} runs it.
 */
abstract class InMemoryKit extends SkillRuntimeCompatibilityKit {

  private final Set<InMemorySkillRuntime.Flaw> flaws;

  InMemoryKit(Set<InMemorySkillRuntime.Flaw> flaws) {
    this.flaws = flaws;
  }

  @Override
  protected SkillRuntime createRuntime() {
    return new FlawedFacade(new InMemorySkillRuntime(flaws));
  }

  @Override
  protected KitFixtures fixtures() {
    return new InMemoryFixtures();
  }

  @Override
  protected void assertNothingLeftRunning(StoppedCall call) {
    InMemorySkillRuntime.assertNoThreadLeft(call.result());
  }
}
