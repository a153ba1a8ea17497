package dev.skillrt.cli.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacks on {@code skill serve --http}, performed for real against the runnable jar: a web
 * page after DNS rebinding (a foreign Host), a stranger on the network (no token on a public
 * address), another local user (a token file others can read), a huge body, a made-up session. Runs
 * after {@code package}.
 */
class McpHttpSecurityProcessTests {

  private static final String INIT =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
          + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"x\",\"version\":\"1\"}}}";

  @TempDir Path dir;

  private ServeProcess serve(String... more) throws Exception {
    String[] args = new String[4 + more.length];
    args[0] = "--manifest";
    args[1] = ServeProcess.manifest("mcp.toml").toString();
    args[2] = "serve";
    args[3] = "--http";
    System.arraycopy(more, 0, args, 4, more.length);
    return ServeProcess.start(args);
  }

  /** One raw HTTP/1.1 request, so that any Host header can be sent. */
  private static String raw(URI url, String host, String body) throws Exception {
    try (Socket s = new Socket(url.getHost(), url.getPort())) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      byte[] b = body.getBytes(StandardCharsets.UTF_8);
      out.write(
          ("POST /mcp HTTP/1.1\r\nHost: "
                  + host
                  + "\r\nContent-Type: application/json\r\n"
                  + "Accept: application/json, text/event-stream\r\nContent-Length: "
                  + b.length
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(b);
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aRequestNamingAForeignHostIsRefusedAsDnsRebinding() throws Exception {
    try (ServeProcess serve = serve("0")) {
      URI url = URI.create(TypeScriptClientProcessTests.awaitUrl(serve));
      String rebound = raw(url, "attacker.example:" + url.getPort(), INIT);
      assertThat(rebound).startsWith("HTTP/1.1 403").contains("not a loopback name");
      String local = raw(url, "localhost:" + url.getPort(), INIT);
      assertThat(local).startsWith("HTTP/1.1 200").contains("\"protocolVersion\"");
    }
  }

  @Test
  void aForeignOriginIsRefusedAndNothingRuns() throws Exception {
    try (ServeProcess serve = serve("0")) {
      URI url = URI.create(TypeScriptClientProcessTests.awaitUrl(serve));
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(url)
                      .header("Content-Type", "application/json")
                      .header("Accept", "application/json, text/event-stream")
                      .header("Origin", "https://evil.example")
                      .POST(HttpRequest.BodyPublishers.ofString(INIT))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(r.body()).contains("origin \"https://evil.example\" are refused");
    }
  }

  @Test
  void aHugeBodyIsRefusedWithoutReadingItAll() throws Exception {
    try (ServeProcess serve = serve("0")) {
      URI url = URI.create(TypeScriptClientProcessTests.awaitUrl(serve));
      byte[] huge = new byte[8 << 20];
      java.util.Arrays.fill(huge, (byte) ' ');
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(url)
                      .header("Content-Type", "application/json")
                      .header("Accept", "application/json, text/event-stream")
                      .POST(HttpRequest.BodyPublishers.ofByteArray(huge))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(413);
      HttpResponse<String> unknownSession =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(url)
                      .header("Content-Type", "application/json")
                      .header("Accept", "application/json, text/event-stream")
                      .header("Mcp-Session-Id", "made-up")
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(unknownSession.statusCode()).isEqualTo(404);
    }
  }

  @Test
  void clientsThatLeaveWithoutEndingTheirSessionDoNotLockOthersOut() throws Exception {
    try (ServeProcess serve = serve("0")) {
      URI url = URI.create(TypeScriptClientProcessTests.awaitUrl(serve));
      HttpClient http = HttpClient.newHttpClient();
      for (int i = 0; i < 300; i++) {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(url)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(INIT))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("initialize number " + i + ": " + r.body()).isEqualTo(200);
      }
    }
  }

  @Test
  void aPortInUseIsAClearUsageError() throws Exception {
    try (java.net.ServerSocket taken =
            new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        ServeProcess serve = serve("127.0.0.1:" + taken.getLocalPort())) {
      assertThat(serve.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
      assertThat(serve.stderr.toString())
          .contains("cannot listen on 127.0.0.1:" + taken.getLocalPort())
          .contains("pick another port")
          .doesNotContain("internal error");
    }
  }

  @Test
  void aPublicAddressWithoutATokenIsRefused() throws Exception {
    try (ServeProcess serve = serve("0.0.0.0:0")) {
      assertThat(serve.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
      assertThat(serve.stderr.toString())
          .contains("not a loopback address, without a token")
          .contains("--token-file");
    }
  }

  @Test
  void aTokenFileOthersCanReadIsRefused() throws Exception {
    Path token = dir.resolve("token");
    Files.writeString(token, "a-long-enough-token-0123456789\n");
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-r--r--"));
    try (ServeProcess serve = serve("0", "--token-file", token.toString())) {
      assertThat(serve.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
      assertThat(serve.stderr.toString())
          .contains("other users may read or change it (mode 0644)")
          .contains("chmod 600");
    }
    Path link = dir.resolve("link");
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
    Files.createSymbolicLink(link, token);
    try (ServeProcess serve = serve("0", "--token-file", link.toString())) {
      assertThat(serve.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
      assertThat(serve.stderr.toString()).contains("not a regular file");
    }
  }
}
