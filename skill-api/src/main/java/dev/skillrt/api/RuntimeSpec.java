package dev.skillrt.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * The runtime-specific part of an {@link ExecutionRequest}: what to run. Each backend defines its
 * own implementation (the shipped ones: {@code ContainerSpec} in {@code skill-runtime-docker},
 * {@code CommandSpec} in {@code skill-runtime-native}, {@code ModuleSpec} in {@code
 * skill-runtime-wasm}), and its provider builds it from the skill's table in the manifest (see
 * {@link dev.skillrt.spi.SkillRuntimeProvider#settings}). Implementations are immutable.
 */
@API(status = STABLE, since = "0.1")
public interface RuntimeSpec {

  /** A one-line description for logs and messages, e.g. {@code "/usr/bin/git status"}. */
  String describe();
}
