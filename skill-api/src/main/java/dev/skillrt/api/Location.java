package dev.skillrt.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Where something is written in a manifest.
 *
 * @param source the manifest file as given
 * @param line 1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Location(String source, int line, int column) {

  /** A problem at this location. */
  public Problem problem(String message) {
    return new Problem(source, line, column, message);
  }

  @Override
  public String toString() {
    return source + ":" + line + ":" + column;
  }
}
