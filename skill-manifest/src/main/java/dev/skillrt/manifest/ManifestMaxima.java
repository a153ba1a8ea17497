package dev.skillrt.manifest;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.api.DataSize;
import org.apiguardian.api.API;

/**
 * The most the manifest loader and the engine accept, so that no manifest and no call can make them
 * run out of memory. Each is refused with a located message that names the limit.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ManifestMaxima {

  /** The largest manifest file: 4 MiB. */
  public static final DataSize MANIFEST_FILE = DataSize.ofMebibytes(4);

  /** The longest one value may become by variable expansion: 1 Mi characters. */
  public static final int EXPANDED_VALUE_CHARS = 1 << 20;

  /** The most characters variable expansion may produce for a whole manifest: 16 Mi. */
  public static final long EXPANDED_MANIFEST_CHARS = 16L << 20;

  /**
   * The largest output limit ({@code limits.output}) a skill or a call may set: 64 MiB per stream.
   */
  public static final DataSize OUTPUT_PER_STREAM = DataSize.ofMebibytes(64);

  /**
   * The longest value a call may give a secret parameter: 4 KiB in UTF-8 (as text, or as JSON for
   * other types). A skill's output is searched for every secret of the call, so a caller may not
   * choose an arbitrarily long one; the manifest's own secrets (keys, certificates) have no such
   * bound.
   */
  public static final DataSize SECRET_ARGUMENT = DataSize.ofKibibytes(4);

  /** How many problems one load reports; past this it says how many more there are. */
  public static final int PROBLEMS_REPORTED = 100;

  private ManifestMaxima() {}
}
