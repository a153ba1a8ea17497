package dev.skillrt.engine.internal;

/**
 * One secret value of a call and where it comes from. Values the caller supplied (a secret
 * parameter given in the call) may only hide other values the caller supplied; the manifest's
 * secrets may hide anything.
 *
 * @param value the secret value
 * @param origin where it comes from, for a person: {@code secret parameter token}, {@code instance
 *     "work" config api-key}
 * @param fromCaller whether the caller supplied it
 */
public record KnownSecret(String value, String origin, boolean fromCaller) {

  @Override
  public String toString() {
    return "KnownSecret{" + origin + (fromCaller ? ", from the caller" : "") + "}";
  }
}
