package dev.skillrt.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * One problem in a configuration (usually a manifest), located where it was found.
 *
 * @param source the file (or other source) name; empty when unknown
 * @param line 1-based line; 0 when unknown
 * @param column 1-based column; 0 when unknown
 * @param message what is wrong, what was expected, and a suggestion where one helps
 */
@API(status = STABLE, since = "0.1")
public record Problem(String source, int line, int column, String message) {

  /** A problem with no location. */
  public static Problem of(String message) {
    return new Problem("", 0, 0, message);
  }

  /** {@code file:line:column}, or as much of it as is known. */
  public String location() {
    StringBuilder sb = new StringBuilder(source);
    if (line > 0) {
      sb.append(sb.length() > 0 ? ":" : "line ").append(line);
      if (column > 0) {
        sb.append(':').append(column);
      }
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    String where = location();
    return where.isEmpty() ? message : where + ": " + message;
  }
}
