package dev.skillrt.spi;

import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.PolicyViolationException;
import dev.skillrt.api.Problem;
import dev.skillrt.api.SkillException;
import dev.skillrt.api.Violation;

/**
 * A runtime's own fault, thrown out of a call, with the call's secrets taken out: an exception's
 * message often quotes what it was given (a program's name, an engine's error echoing the command),
 * and it travels to logs and users. An exception that mentions no secret is left as it is; one that
 * does is replaced by one of the same kind (configuration, policy, or any other fault) whose
 * messages are redacted, with the original stack trace and without the cause whose message held the
 * secret.
 */
final class RedactedFault {

  private RedactedFault() {}

  static RuntimeException of(RuntimeException e, ExecutionRequest request) {
    if (request.secretValues().isEmpty() || !mentionsSecret(e, request)) {
      return e;
    }
    RuntimeException clean;
    if (e instanceof ConfigurationException c) {
      clean =
          new ConfigurationException(
              c.problems().stream()
                  .map(
                      p ->
                          new Problem(
                              p.source(), p.line(), p.column(), request.redact(p.message())))
                  .toList());
    } else if (e instanceof PolicyViolationException p) {
      clean =
          new PolicyViolationException(
              p.violations().stream()
                  .map(
                      v ->
                          new Violation(
                              v.ruleId(),
                              request.redact(v.message()),
                              request.redact(v.offendingValue()),
                              v.severity()))
                  .toList());
    } else {
      StringBuilder message = new StringBuilder(request.redact(String.valueOf(e.getMessage())));
      for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
        message
            .append(" (caused by ")
            .append(t.getClass().getSimpleName())
            .append(": ")
            .append(request.redact(String.valueOf(t.getMessage())))
            .append(')');
      }
      clean = new SkillException(message.toString());
    }
    clean.setStackTrace(e.getStackTrace());
    return clean;
  }

  private static boolean mentionsSecret(Throwable e, ExecutionRequest request) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (!request.redact(message).equals(message)) {
        return true;
      }
      if (t instanceof ConfigurationException c
          && c.problems().stream()
              .anyMatch(p -> !request.redact(p.message()).equals(p.message()))) {
        return true;
      }
    }
    return false;
  }
}
