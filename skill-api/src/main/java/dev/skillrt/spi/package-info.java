/**
 * What runtime backends implement: {@link dev.skillrt.spi.SkillRuntimeProvider} (found with {@link
 * java.util.ServiceLoader} by {@link dev.skillrt.spi.SkillRuntimeRegistry}), the {@link
 * dev.skillrt.spi.SkillSettings} it reads from a skill's manifest table (through {@link
 * dev.skillrt.spi.SettingsTable}) and the {@link dev.skillrt.spi.SkillRuntime} it creates, plus
 * {@link dev.skillrt.api.PolicyRule} for the checks a backend contributes.
 *
 * <p>A third-party backend depends on {@code skill-api} alone (and {@code skill-runtime-tck} for
 * its tests). Nothing in this package is {@code null} unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.skillrt.spi;

import org.jspecify.annotations.NullMarked;
