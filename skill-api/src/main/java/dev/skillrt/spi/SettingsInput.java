package dev.skillrt.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.api.Limits;
import dev.skillrt.api.Location;
import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * What a provider gets to read one skill's settings from a manifest (see {@link
 * SkillRuntimeProvider#settings}): the skill's own table, named after the runtime, and the shared
 * settings it may need. Implemented by the manifest reader; valid only during the call.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public interface SettingsInput {

  /** The skill's name. */
  String skill();

  /**
   * The skill's {@code source}, expanded, as written (e.g. {@code docker:IMAGE} or {@code
   * ./x.wasm}).
   */
  String source();

  /** Where {@code source} is written. */
  Location sourceLocation();

  /** The skill's {@code [skills.NAME.<runtime-id>]} table; empty when not written. */
  SettingsTable table();

  /** The skill's limits from the manifest's shared {@code limits} tables (defaults included). */
  Limits limits();

  /** The manifest's folder, against which relative paths resolve. */
  Path baseDirectory();
}
