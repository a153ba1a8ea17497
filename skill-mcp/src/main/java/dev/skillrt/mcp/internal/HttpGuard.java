package dev.skillrt.mcp.internal;

import com.sun.net.httpserver.Headers;
import dev.skillrt.mcp.HttpSettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The checks every HTTP request passes before MCP sees it, as the transport specification asks: a
 * bearer token when one is set (compared in constant time, 401 otherwise); an {@code Origin}, when
 * a browser sends one, that is a loopback origin or an allowed one (403 otherwise: a foreign page,
 * e.g. after DNS rebinding, cannot drive the server); and, on a loopback address, a {@code Host}
 * that names a loopback host (403 otherwise: the other half of DNS rebinding).
 */
public final class HttpGuard {

  private static final Set<String> LOOPBACK_HOSTS =
      Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  /** Why a request is refused. */
  public record Verdict(int status, String message) {}

  private final byte @Nullable [] tokenDigest;
  private final Set<String> allowedOrigins;
  private final boolean loopback;

  public HttpGuard(HttpSettings settings) {
    this.tokenDigest = settings.token().map(HttpGuard::digest).orElse(null);
    this.allowedOrigins = settings.allowedOrigins();
    this.loopback =
        settings.address().getAddress() != null
            && settings.address().getAddress().isLoopbackAddress();
  }

  /** Null when the request may go on. */
  public @Nullable Verdict check(Headers headers) {
    if (tokenDigest != null) {
      String auth = headers.getFirst("Authorization");
      String given =
          auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)
              ? auth.substring(7).strip()
              : "";
      // digests of equal length, compared in constant time: neither the token nor its length leaks
      if (!MessageDigest.isEqual(digest(given), tokenDigest)) {
        return new Verdict(
            401,
            "a valid bearer token is required: send Authorization: Bearer TOKEN"
                + " with the token from the server's --token-file");
      }
    }
    String origin = headers.getFirst("Origin");
    if (origin != null && !originAllowed(origin)) {
      return new Verdict(
          403,
          "requests from origin "
              + clip(origin)
              + " are refused; only loopback origins"
              + " and those the server allows (--allow-origin) may call it");
    }
    String host = headers.getFirst("Host");
    if (loopback && host != null && !LOOPBACK_HOSTS.contains(hostName(host))) {
      return new Verdict(
          403,
          "the Host header "
              + clip(host)
              + " is not a loopback name; call the server as"
              + " localhost or 127.0.0.1");
    }
    return null;
  }

  private boolean originAllowed(String origin) {
    if (allowedOrigins.contains(origin)) {
      return true;
    }
    try {
      URI uri = new URI(origin);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && LOOPBACK_HOSTS.contains(host);
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  private static String hostName(String hostHeader) {
    String h = hostHeader.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end < 0 ? h : h.substring(0, end + 1);
    }
    int colon = h.lastIndexOf(':');
    return colon < 0 ? h : h.substring(0, colon);
  }

  private static String clip(String s) {
    String c = s.length() > 100 ? s.substring(0, 100) + "..." : s;
    return "\"" + c.replaceAll("\\p{Cntrl}", "?") + "\"";
  }

  private static byte[] digest(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
