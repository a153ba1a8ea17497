package dev.skillrt.engine.internal;

import dev.skillrt.api.Limits;
import dev.skillrt.api.Mount;
import java.util.List;

/**
 * What the manifest grants one skill instance: network, host folders and limits. The generic policy
 * rules hold every request to these.
 */
public record Grants(boolean network, List<Mount> mounts, Limits limits, int maxConcurrent) {

  public Grants {
    mounts = List.copyOf(mounts);
  }
}
