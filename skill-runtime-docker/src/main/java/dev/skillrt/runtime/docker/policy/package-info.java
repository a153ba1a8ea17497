/**
 * The Docker policy: one {@link dev.skillrt.api.PolicyRule} per kind of escape (privileged mode,
 * capabilities, security options, host namespaces, network, devices, host mounts, user, ports,
 * sysctls, ulimits, runtimes, image strings, and every {@code extra_args} flag that is not on the
 * allow-list). The rules need no engine; {@link dev.skillrt.runtime.docker.policy.DockerPolicy}
 * lists them. See {@code docs/docker-policy.md}.
 */
@NullMarked
package dev.skillrt.runtime.docker.policy;

import org.jspecify.annotations.NullMarked;
