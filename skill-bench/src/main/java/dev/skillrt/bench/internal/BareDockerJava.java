package dev.skillrt.bench.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The least a docker-java program does to run a command in a fresh container and get its output:
 * create (the same hardening as the runtime), attach stdout and stderr, start, wait for the exit
 * code, remove. One client, reused; the image is known to be present.
 */
public final class BareDockerJava implements AutoCloseable {

  private final DockerClient docker;

  public BareDockerJava(String host) {
    DefaultDockerClientConfig config =
        DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host).build();
    ApacheDockerHttpClient http =
        new ApacheDockerHttpClient.Builder()
            .dockerHost(URI.create(host))
            .maxConnections(16)
            .connectionTimeout(Duration.ofSeconds(10))
            .build();
    this.docker = DockerClientImpl.getInstance(config, http);
  }

  /**
   * Runs {@code command} in {@code image}; returns the exit code, failing loudly unless it is 0.
   */
  public int run(String image, List<String> command) {
    HostConfig host =
        HostConfig.newHostConfig()
            .withNetworkMode("none")
            .withCapDrop(Capability.ALL)
            .withSecurityOpts(List.of("no-new-privileges"))
            .withPidsLimit(256L)
            .withReadonlyRootfs(true)
            .withTmpFs(Map.of("/tmp", "rw,nosuid,nodev,size=67108864,mode=1777"))
            .withIpcMode("private")
            .withCgroupnsMode("private")
            .withLogConfig(new LogConfig(LogConfig.LoggingType.NONE));
    String id =
        docker
            .createContainerCmd(image)
            .withUser("65534:65534")
            .withEnv("SKILL_INSTANCE=default")
            .withAttachStdout(true)
            .withAttachStderr(true)
            .withCmd(command)
            .withHostConfig(host)
            .exec()
            .getId();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ResultCallback.Adapter<Frame> attach =
        docker
            .attachContainerCmd(id)
            .withStdOut(true)
            .withStdErr(true)
            .withFollowStream(true)
            .exec(
                new ResultCallback.Adapter<>() {
                  @Override
                  public void onNext(Frame frame) {
                    out.writeBytes(frame.getPayload());
                  }
                })) {
      attach.awaitStarted(30, TimeUnit.SECONDS);
      docker.startContainerCmd(id).exec();
      attach.awaitCompletion(60, TimeUnit.SECONDS);
      int code =
          docker
              .waitContainerCmd(id)
              .exec(new WaitContainerResultCallback())
              .awaitStatusCode(60, TimeUnit.SECONDS);
      if (code != 0) {
        throw new IllegalStateException(command + " exited with " + code + " in " + image);
      }
      return code;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    } finally {
      docker.removeContainerCmd(id).withForce(true).exec();
    }
  }

  @Override
  public void close() {
    try {
      docker.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
