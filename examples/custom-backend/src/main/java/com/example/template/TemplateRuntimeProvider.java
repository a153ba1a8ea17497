package com.example.template;

import dev.skillrt.spi.Availability;
import dev.skillrt.spi.RuntimeCapabilities;
import dev.skillrt.spi.RuntimeConfig;
import dev.skillrt.spi.SettingsInput;
import dev.skillrt.spi.SkillRuntime;
import dev.skillrt.spi.SkillRuntimeProvider;
import dev.skillrt.spi.SkillSettings;

/**
 * The {@code template} runtime's entry point, found through {@code
 * META-INF/services/dev.skillrt.spi.SkillRuntimeProvider}: a skill answers with a text built
 * from its {@code [skills.NAME.template]} table. Cheap to create; thread-safe.
 */
public final class TemplateRuntimeProvider implements SkillRuntimeProvider {

  /** The id manifests name: {@code runtime = "template"}. */
  public static final String ID = "template";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "answers with a text built from a template in the manifest; runs nothing on the host";
  }

  @Override
  public Availability probe(RuntimeConfig config) {
    return Availability.ok();
  }

  @Override
  public SkillRuntime create(RuntimeConfig config) {
    return new TemplateRuntime();
  }

  @Override
  public RuntimeCapabilities capabilities(RuntimeConfig config) {
    return TemplateRuntime.CAPABILITIES;
  }

  @Override
  public SkillSettings settings(SettingsInput input) {
    return TemplateTable.read(input);
  }
}
