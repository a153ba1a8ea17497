package dev.skillrt.runtime.docker;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A second unix socket in front of the test engine that passes every byte through both ways: an
 * engine socket the test owns, so it can give it a group of its own without touching the real one.
 * The runtime talks to the engine through it for real.
 */
final class EngineSocketProxy implements AutoCloseable {

  private final Path socket;
  private final Path engine;
  private final ServerSocketChannel server;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "engine-socket-proxy");
            t.setDaemon(true);
            return t;
          });

  private EngineSocketProxy(Path socket, Path engine) throws IOException {
    this.socket = socket;
    this.engine = engine;
    this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    threads.execute(this::acceptLoop);
  }

  /** Listens at {@code socket} and forwards each connection to the engine's socket. */
  static EngineSocketProxy start(Path socket, Path engine) throws IOException {
    return new EngineSocketProxy(socket, engine);
  }

  /** The proxy's socket file. */
  Path socket() {
    return socket;
  }

  private void acceptLoop() {
    while (server.isOpen()) {
      try {
        SocketChannel client = server.accept();
        SocketChannel upstream = SocketChannel.open(UnixDomainSocketAddress.of(engine));
        AtomicInteger open = new AtomicInteger(2);
        threads.execute(() -> pump(client, upstream, open));
        threads.execute(() -> pump(upstream, client, open));
      } catch (IOException e) {
        return;
      }
    }
  }

  /** Copies one direction; the second direction to end closes both channels. */
  private static void pump(SocketChannel from, SocketChannel to, AtomicInteger open) {
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    try {
      while (from.read(buffer) >= 0) {
        buffer.flip();
        while (buffer.hasRemaining()) {
          to.write(buffer);
        }
        buffer.clear();
      }
      to.shutdownOutput();
    } catch (IOException e) {
      open.set(1);
    }
    if (open.decrementAndGet() == 0) {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // already gone
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    threads.shutdownNow();
    Files.deleteIfExists(socket);
  }
}
