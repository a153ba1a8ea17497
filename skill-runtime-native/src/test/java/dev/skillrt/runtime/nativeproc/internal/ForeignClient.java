package dev.skillrt.runtime.nativeproc.internal;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A process that is not the JVM the launch server serves, asking it for a call all the same: the
 * connection of a call, then a call that would create a file. Prints what the server answered on
 * the control connection ("closed" when it answered nothing).
 */
public final class ForeignClient {

  private ForeignClient() {}

  /** Arguments: the socket, the launcher and the file the call would create. */
  public static void main(String[] args) {
    try {
      System.out.println(ask(args));
    } catch (java.io.IOException e) {
      System.out.println("closed"); // refused while connecting or writing
    }
  }

  private static String ask(String[] args) throws java.io.IOException {
    UnixDomainSocketAddress address = UnixDomainSocketAddress.of(Path.of(args[0]));
    SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
    c.connect(address);
    byte[] strings =
        ("/\0" + args[1] + "\0--\0/bin/touch\0" + args[2] + "\0").getBytes(StandardCharsets.UTF_8);
    ByteBuffer call = ByteBuffer.allocate(20 + strings.length).order(ByteOrder.nativeOrder());
    call.putInt(3).putInt(0).putInt(strings.length).putLong(-1).put(strings).flip();
    c.write(call);
    ByteBuffer answer = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder());
    int n = c.read(answer);
    return n < 0 ? "closed" : "answered " + answer.getInt(0);
  }
}
