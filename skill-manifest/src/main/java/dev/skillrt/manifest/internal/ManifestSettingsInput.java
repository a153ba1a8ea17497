package dev.skillrt.manifest.internal;

import dev.skillrt.api.Limits;
import dev.skillrt.api.Location;
import dev.skillrt.spi.SettingsInput;
import dev.skillrt.spi.SettingsTable;
import java.nio.file.Path;

/** What a provider reads one skill's settings from. */
record ManifestSettingsInput(
    String skill,
    String source,
    Location sourceLocation,
    SettingsTable table,
    Limits limits,
    Path baseDirectory)
    implements SettingsInput {}
