package dev.skillrt.spi;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import org.apiguardian.api.API;

/**
 * Whether a runtime can serve on this machine, and why not.
 *
 * @param isAvailable whether it can
 * @param reasons when not, each way tried and why it failed (e.g. {@code "no Docker engine at
 *     unix:///var/run/docker.sock: connection refused"}); when it can, optional notes
 */
@API(status = STABLE, since = "0.1")
public record Availability(boolean isAvailable, List<String> reasons) {

  public Availability {
    reasons = List.copyOf(reasons);
  }

  public static Availability ok() {
    return new Availability(true, List.of());
  }

  public static Availability unavailable(List<String> reasons) {
    return new Availability(false, reasons);
  }

  public static Availability unavailable(String reason) {
    return new Availability(false, List.of(reason));
  }
}
