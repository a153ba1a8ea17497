/**
 * The {@code docker} runtime: runs a skill as a hardened container through the Docker Engine API
 * (docker-java). Found with {@link java.util.ServiceLoader} through {@link
 * dev.skillrt.runtime.docker.DockerSkillRuntimeProvider}; its settings are read by {@link
 * dev.skillrt.runtime.docker.DockerRuntimeConfig}. See {@code docs/docker-runtime.md}.
 */
@NullMarked
package dev.skillrt.runtime.docker;

import org.jspecify.annotations.NullMarked;
