package dev.skillrt.runtime.docker.policy;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.PolicyPhase;
import dev.skillrt.api.Violation;
import dev.skillrt.runtime.docker.ContainerSpec;
import java.util.List;

/** {@code docker.image}: the image must be a plain reference, never something read as a flag. */
final class ImageRule extends DockerRule {

  ImageRule() {
    super("docker.image");
  }

  @Override
  void check(
      ExecutionRequest request,
      ContainerSpec spec,
      ExtraArgs args,
      PolicyPhase phase,
      List<Violation> out) {
    String image = spec.image();
    if (image.startsWith("-")) {
      out.add(error("the image starts with '-', which a command line reads as a flag", image));
    } else if (image.isBlank() || !image.matches("[A-Za-z0-9][A-Za-z0-9._/:@+-]*")) {
      out.add(
          error(
              "the image is not a plain reference (name[:tag][@digest], letters, digits,"
                  + " . _ / : @ + -)",
              image));
    }
  }
}
