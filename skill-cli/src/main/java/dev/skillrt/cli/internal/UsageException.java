package dev.skillrt.cli.internal;

/** A command line the {@code skill} command cannot act on; exits with 2. */
final class UsageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
