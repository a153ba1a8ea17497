package dev.skillrt.mcp;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Where and how the Streamable HTTP endpoint ({@code /mcp}) listens.
 *
 * @param address the address to bind; a loopback one unless clients on other machines must reach it
 * @param token the bearer token every request must carry ({@code Authorization: Bearer TOKEN}),
 *     required when the address is not a loopback one
 * @param allowedOrigins origins (e.g. {@code https://app.example}) a browser page may call from,
 *     besides loopback ones; any other {@code Origin} is refused with 403
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record HttpSettings(
    InetSocketAddress address, Optional<String> token, Set<String> allowedOrigins) {

  public HttpSettings {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(token, "token");
    allowedOrigins = Set.copyOf(allowedOrigins);
    if (token.isPresent() && token.get().isBlank()) {
      throw new IllegalArgumentException(
          "the bearer token is empty; give a token of at least 16 characters");
    }
    if (token.isEmpty() && !isLoopback(address)) {
      throw new IllegalArgumentException(
          "refusing to serve MCP on "
              + address.getHostString()
              + ", which is not a loopback address, without a"
              + " token: anyone who reaches it could run the skills. Give --token-file FILE, or bind 127.0.0.1");
    }
  }

  /** Loopback only, no token. */
  public static HttpSettings loopback(int port) {
    return new HttpSettings(new InetSocketAddress("127.0.0.1", port), Optional.empty(), Set.of());
  }

  public HttpSettings withToken(String bearer) {
    return new HttpSettings(address, Optional.of(bearer), allowedOrigins);
  }

  static boolean isLoopback(InetSocketAddress address) {
    return address.getAddress() != null && address.getAddress().isLoopbackAddress();
  }
}
