package dev.skillrt.runtime.docker;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.github.dockerjava.api.DockerClient;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.LimitKind;
import dev.skillrt.api.PolicyRule;
import dev.skillrt.api.PolicyViolationException;
import dev.skillrt.api.SkillException;
import dev.skillrt.runtime.docker.internal.ContainerExecution;
import dev.skillrt.runtime.docker.internal.ContainerPlan;
import dev.skillrt.runtime.docker.internal.ContainerRemovals;
import dev.skillrt.runtime.docker.internal.EngineFaults;
import dev.skillrt.runtime.docker.internal.ImageGuard;
import dev.skillrt.runtime.docker.internal.Labels;
import dev.skillrt.runtime.docker.internal.Leftovers;
import dev.skillrt.runtime.docker.internal.NetworkGuard;
import dev.skillrt.runtime.docker.policy.DockerPolicy;
import dev.skillrt.spi.AbstractSkillRuntime;
import dev.skillrt.spi.RuntimeCapabilities;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each call in a fresh, hardened container (no network, no capabilities, read-only root,
 * pids/memory/CPU limits, non-root uid:gid) through the Docker Engine API, streams its output, and
 * removes it when the call ends. Created by {@link DockerSkillRuntimeProvider}.
 *
 * <p>Thread-safe: concurrent calls each get their own container. Enforces the timeout, memory, CPU,
 * process (pids) and output limits; a CPU-time limit is refused.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class DockerSkillRuntime extends AbstractSkillRuntime {

  private static final Logger LOG = LoggerFactory.getLogger(DockerSkillRuntime.class);

  static final RuntimeCapabilities CAPABILITIES =
      new RuntimeCapabilities(
          EnumSet.of(
              LimitKind.TIMEOUT,
              LimitKind.MEMORY,
              LimitKind.CPUS,
              LimitKind.PROCESSES,
              LimitKind.OUTPUT),
          true,
          true,
          true,
          true);

  private final DockerClient docker;
  private final DockerRuntimeConfig config;
  private final String endpoint;
  private final List<PolicyRule> rules;
  private final ImageGuard images;
  private final NetworkGuard networks;
  private final String instanceId = UUID.randomUUID().toString();
  private final Set<ContainerExecution> active = new HashSet<>();
  private final ContainerRemovals removals;

  DockerSkillRuntime(DockerClient docker, DockerRuntimeConfig config, String endpoint) {
    super(DockerSkillRuntimeProvider.ID);
    this.docker = docker;
    this.config = config;
    this.endpoint = endpoint;
    this.rules = DockerPolicy.rules(config);
    this.images = new ImageGuard(docker, config.pull(), endpoint);
    this.networks = new NetworkGuard(docker, endpoint);
    this.removals = new ContainerRemovals(docker);
    if (config.cleanupOnStart()) {
      int removed = Leftovers.removeLeftovers(docker);
      if (removed > 0) {
        LOG.info("removed {} container(s) left by an earlier run", removed);
      }
    }
  }

  /** The engine endpoint this runtime talks to. */
  public String endpoint() {
    return endpoint;
  }

  @Override
  public RuntimeCapabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public List<PolicyRule> policyRules() {
    return rules;
  }

  @Override
  protected ExecutionResult run(ExecutionRequest request) {
    try {
      return runInContainer(request);
    } catch (SkillException e) {
      throw e;
    } catch (StartedCallFault e) {
      // the container may have run: never run the call a second time
      throw EngineFaults.unreachable(e.fault, endpoint).orElseThrow(() -> e.fault);
    } catch (RuntimeException e) {
      // after an engine restart the pooled connections are dead: before the container was
      // started, the request never reached the engine, so once it answers on a fresh connection
      // the call runs again, once
      if (EngineFaults.staleConnection(e)
          && EngineFaults.answersAfterDraining(docker, config.maxConnections() + 1)) {
        try {
          return runInContainer(request);
        } catch (SkillException again) {
          throw again;
        } catch (StartedCallFault again) {
          throw EngineFaults.unreachable(again.fault, endpoint).orElseThrow(() -> again.fault);
        } catch (RuntimeException again) {
          throw EngineFaults.unreachable(again, endpoint).orElseThrow(() -> again);
        }
      }
      throw EngineFaults.unreachable(e, endpoint).orElseThrow(() -> e);
    }
  }

  private ExecutionResult runInContainer(ExecutionRequest request) {
    long start = System.nanoTime();
    ContainerSpec spec = request.spec(ContainerSpec.class);
    images.ensurePresent(spec.image());
    ContainerPlan plan;
    try {
      plan =
          ContainerPlan.of(
              request,
              config,
              Labels.forCall(
                  instanceId,
                  request.skill(),
                  request.tool(),
                  request.limits().timeout(),
                  config.killGrace()));
    } catch (PolicyViolationException e) {
      // a mount changed since the policy check, or is denied as it is now
      return ExecutionResult.denied(e.violations(), Duration.ofNanos(System.nanoTime() - start));
    }
    networks.ensurePresent(plan.network());
    ContainerExecution execution =
        new ContainerExecution(docker, config, request, plan, networks, removals);
    synchronized (active) {
      active.add(execution);
    }
    try {
      return execution.run();
    } catch (PolicyViolationException e) {
      return ExecutionResult.denied(e.violations(), Duration.ofNanos(System.nanoTime() - start));
    } catch (SkillException e) {
      throw e;
    } catch (RuntimeException e) {
      if (execution.startSent()) {
        throw new StartedCallFault(e);
      }
      throw e;
    } finally {
      synchronized (active) {
        active.remove(execution);
        active.notifyAll();
      }
    }
  }

  @Override
  protected void shutdown() {
    // stop calls in flight and let their threads remove their containers before the client goes
    long deadline = System.nanoTime() + config.killGrace().toNanos() * 2;
    synchronized (active) {
      active.forEach(ContainerExecution::abort);
      while (!active.isEmpty() && System.nanoTime() < deadline) {
        try {
          active.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    removals.close();
    try {
      docker.close();
    } catch (IOException e) {
      LOG.debug("closing the Docker client failed: {}", e.toString());
    }
  }

  /** An engine fault after the container's start was asked for: the call is not run again. */
  private static final class StartedCallFault extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient RuntimeException fault;

    StartedCallFault(RuntimeException fault) {
      super(fault.getMessage(), fault, false, false);
      this.fault = fault;
    }
  }
}
