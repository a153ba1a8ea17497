package dev.skillrt.cli.internal;

import dev.skillrt.api.internal.UnixAttributes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * Reads the bearer token of {@code skill serve --http --token-file F}, safely: a regular file
 * (never through a symbolic link) of the user running the server, that nobody else may read or
 * change (mode 0600 or 0400), of at most 4 KiB; the token is its first line, at least 16
 * characters. Another local user who could read the token could run every skill; one who could
 * write it could choose it.
 */
final class TokenFile {

  static final int MAX_BYTES = 4096;
  static final int MIN_LENGTH = 16;

  private TokenFile() {}

  static String read(Path file) {
    String name = file.toString();
    try {
      UnixAttributes a =
          UnixAttributes.read(file, "uid,mode,isRegularFile", LinkOption.NOFOLLOW_LINKS);
      if (!a.flag("isRegularFile")) {
        throw new UsageException(
            "--token-file "
                + name
                + ": not a regular file (a link, folder or device);"
                + " give a plain file holding the token");
      }
      int own = dev.skillrt.spi.PrivateFolder.jvmUid();
      if (a.intValue("uid") != own) {
        throw new UsageException(
            "--token-file "
                + name
                + ": owned by uid "
                + a.intValue("uid")
                + ", not by you (uid "
                + own
                + "); anyone who owns it can change the token. Use a file of your own (chmod 600)");
      }
      int mode = a.intValue("mode");
      if ((mode & 0077) != 0) {
        throw new UsageException(
            "--token-file "
                + name
                + ": other users may read or change it (mode "
                + String.format("%04o", mode & 07777)
                + "); run chmod 600 "
                + name
                + " and retry");
      }
      byte[] bytes;
      try (SeekableByteChannel ch =
              Files.newByteChannel(
                  file, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
          InputStream in = Channels.newInputStream(ch)) {
        bytes = in.readNBytes(MAX_BYTES + 1);
      }
      if (bytes.length > MAX_BYTES) {
        throw new UsageException(
            "--token-file "
                + name
                + ": longer than "
                + MAX_BYTES
                + " bytes; put only the token in it");
      }
      String text = new String(bytes, StandardCharsets.UTF_8);
      int nl = text.indexOf('\n');
      String token = (nl >= 0 ? text.substring(0, nl) : text).strip();
      if (token.length() < MIN_LENGTH) {
        throw new UsageException(
            "--token-file "
                + name
                + ": the token (its first line) has "
                + token.length()
                + " characters; use at least "
                + MIN_LENGTH
                + ", e.g. from: head -c 32 /dev/urandom | base64");
      }
      return token;
    } catch (NoSuchFileException e) {
      throw new UsageException(
          "--token-file " + name + ": no such file; create it with the token (chmod 600)");
    } catch (IOException | UnsupportedOperationException e) {
      throw new UsageException(
          "--token-file " + name + ": cannot read it (" + e.getMessage() + ")");
    }
  }
}
