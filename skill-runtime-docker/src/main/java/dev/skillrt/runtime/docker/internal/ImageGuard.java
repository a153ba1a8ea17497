package dev.skillrt.runtime.docker.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PullResponseItem;
import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.SkillException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure an image is present before a container is created: a local image is used as it is; a
 * missing one is pulled only when the runtime allows it, else the call fails naming the image.
 * Images found present are remembered.
 */
public final class ImageGuard {

  private static final Logger LOG = LoggerFactory.getLogger(ImageGuard.class);

  private final DockerClient docker;
  private final boolean pull;
  private final String endpoint;
  private final Set<String> present = ConcurrentHashMap.newKeySet();

  public ImageGuard(DockerClient docker, boolean pull, String endpoint) {
    this.docker = docker;
    this.pull = pull;
    this.endpoint = endpoint;
  }

  /**
   * @throws ConfigurationException when the image is missing and may not be pulled
   */
  public void ensurePresent(String image) {
    if (present.contains(image)) {
      return;
    }
    try {
      docker.inspectImageCmd(image).exec();
      present.add(image);
      return;
    } catch (NotFoundException e) {
      if (!pull) {
        throw new ConfigurationException(
            "image "
                + image
                + " is not present locally on the Docker engine at "
                + endpoint
                + "; build or load it (docker build, docker load, docker import), or set the"
                + " docker runtime setting pull=true to let the runtime pull it");
      }
    }
    LOG.info("pulling image {} (pull=true)", image);
    try {
      docker
          .pullImageCmd(image)
          .exec(
              new ResultCallback.Adapter<PullResponseItem>() {
                @Override
                public void onNext(PullResponseItem item) {
                  if (item.getStatus() != null) {
                    LOG.info(
                        "pull {}: {} {}",
                        image,
                        item.getStatus(),
                        item.getProgress() == null ? "" : item.getProgress());
                  }
                }
              })
          .awaitCompletion(30, TimeUnit.MINUTES);
      present.add(image);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SkillException("interrupted while pulling image " + image, e);
    } catch (RuntimeException e) {
      throw new SkillException(
          "image "
              + image
              + " is not present locally and pulling it failed: "
              + EngineConnector.describe(e),
          e);
    }
  }
}
