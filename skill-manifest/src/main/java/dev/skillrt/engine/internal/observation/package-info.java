/**
 * What the engine reports about each call to a Micrometer {@code ObservationRegistry}, when one is
 * given. Only {@link dev.skillrt.engine.internal.observation.CallObserver} and {@link
 * dev.skillrt.engine.internal.observation.CallObservation} are touched by the engine without one;
 * the classes that name Micrometer types are loaded only when a registry is given, so the engine
 * runs without Micrometer on the class path. Internal: not an API.
 */
@NullMarked
package dev.skillrt.engine.internal.observation;

import org.jspecify.annotations.NullMarked;
