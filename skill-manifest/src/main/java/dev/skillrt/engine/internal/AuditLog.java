package dev.skillrt.engine.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skillrt.api.SecretRedactor;
import dev.skillrt.api.SkillException;
import dev.skillrt.api.internal.UnixAttributes;
import dev.skillrt.engine.AuditEvent;
import dev.skillrt.spi.PrivateFolder;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one JSON object per execution to the SLF4J logger {@code dev.skillrt.audit} and, when
 * configured, appends it as one line to a file (flushed per event). Thread-safe.
 */
public final class AuditLog implements AutoCloseable {

  /** The SLF4J logger name audit events go to. */
  public static final String LOGGER_NAME = "dev.skillrt.audit";

  private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Optional<Writer> file;

  public AuditLog(Optional<Path> file) {
    this.file = file.map(AuditLog::open);
  }

  /**
   * Opens the audit file for appending, safely: its folder must be one only the JVM's user can
   * change ({@link PrivateFolder}, made {@code 0700} when missing), the file is never reached
   * through a symbolic link, a new one is made {@code 0600}, and an existing one must be a regular
   * file of the JVM's user. (A root JVM appending to a link someone planted in a shared folder
   * would write caller-chosen text into any file.)
   */
  private static Writer open(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    PrivateFolder.keep(absolute); // no skill may be granted the audit file
    try {
      Path parent = absolute.getParent();
      if (parent != null) {
        PrivateFolder.secure(
            parent, PosixFilePermissions.fromString("rwx------"), "the audit file's folder");
      }
      SeekableByteChannel channel =
          Files.newByteChannel(
              absolute,
              Set.of(
                  StandardOpenOption.CREATE,
                  StandardOpenOption.APPEND,
                  StandardOpenOption.WRITE,
                  LinkOption.NOFOLLOW_LINKS),
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      UnixAttributes a =
          UnixAttributes.read(absolute, "uid,isRegularFile", LinkOption.NOFOLLOW_LINKS);
      if (!a.flag("isRegularFile") || a.intValue("uid") != PrivateFolder.jvmUid()) {
        channel.close();
        throw new IOException(
            "it is not a regular file of the JVM's user (uid " + PrivateFolder.jvmUid() + ")");
      }
      return new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new SkillException(
          "cannot open the audit file "
              + path
              + ": "
              + e.getMessage()
              + "; give a file in a"
              + " folder of the JVM's own user",
          e);
    }
  }

  /**
   * The event for a finished call: secret arguments' values left out, secrets inside other values
   * masked, and each masking explained. A value the caller gave may be masked by any secret; a
   * default from the manifest only by the manifest's own secrets, so a caller cannot hide from the
   * audit what the call really used by passing it as a secret.
   */
  public static AuditEvent event(
      PreparedCall call, String runtime, String status, OptionalInt exitCode, long durationMillis) {
    List<KnownSecret> manifestSecrets =
        call.secrets().stream().filter(s -> !s.fromCaller()).toList();
    SecretRedactor forDefaults = redactor(manifestSecrets);
    SecretRedactor forSupplied = redactor(call.secrets());
    List<String> names = new ArrayList<>();
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> masked = new LinkedHashMap<>();
    call.arguments()
        .properties()
        .forEach(
            e -> {
              String name = e.getKey();
              names.add(name);
              if (call.secretArguments().contains(name)) {
                return;
              }
              boolean supplied = call.suppliedArguments().contains(name);
              String text = ArgvTemplate.text(e.getValue());
              String redacted = (supplied ? forSupplied : forDefaults).redact(text);
              values.put(name, redacted);
              if (!redacted.equals(text)) {
                masked.put(name, why(text, supplied ? call.secrets() : manifestSecrets));
              }
            });
    return new AuditEvent(
        Instant.now(),
        call.request().skill(),
        call.request().tool(),
        call.instance(),
        runtime,
        status,
        exitCode,
        durationMillis,
        names,
        values,
        masked);
  }

  private static SecretRedactor redactor(List<KnownSecret> secrets) {
    return SecretRedactor.of(secrets.stream().map(KnownSecret::value).toList());
  }

  /** {@code holds the value of secret parameter token}, or of several. */
  private static String why(String text, List<KnownSecret> secrets) {
    List<String> origins = new ArrayList<>();
    for (KnownSecret s : secrets) {
      if (SecretRedactor.of(List.of(s.value())).matches(text) && !origins.contains(s.origin())) {
        origins.add(s.origin());
      }
    }
    return origins.size() == 1
        ? "holds the value of " + origins.get(0)
        : "holds the values of " + String.join(", ", origins);
  }

  public static String toJson(AuditEvent e) {
    return toJson(e, Map.of());
  }

  /**
   * The event's line, with what the caller added ({@code ExecuteOptions.auditContext}) under {@code
   * context}.
   */
  public static String toJson(AuditEvent e, Map<String, String> context) {
    return toJson(e, context, Map.of());
  }

  /**
   * The event's line with the call's {@code traceId} and {@code spanId} (when a span was current)
   * as top-level fields after {@code durationMs}.
   */
  public static String toJson(
      AuditEvent e, Map<String, String> context, Map<String, String> traceIds) {
    ObjectNode o = JSON.createObjectNode();
    o.put("time", e.time().toString());
    o.put("skill", e.skill());
    o.put("tool", e.tool());
    o.put("instance", e.instance());
    o.put("runtime", e.runtime());
    o.put("status", e.status());
    if (e.exitCode().isPresent()) {
      o.put("exitCode", e.exitCode().getAsInt());
    } else {
      o.putNull("exitCode");
    }
    o.put("durationMs", e.durationMillis());
    traceIds.forEach(o::put);
    ArrayNode names = o.putArray("arguments");
    e.argumentNames().forEach(names::add);
    ObjectNode values = o.putObject("values");
    e.argumentValues().forEach(values::put);
    if (!e.masked().isEmpty()) {
      ObjectNode masked = o.putObject("masked");
      e.masked().forEach(masked::put);
    }
    if (!context.isEmpty()) {
      ObjectNode c = o.putObject("context");
      context.forEach(c::put);
    }
    return o.toString();
  }

  /** Reads back one line written by this log. */
  public static AuditEvent fromJson(String line) {
    try {
      ObjectNode o = (ObjectNode) JSON.readTree(line);
      List<String> names = new ArrayList<>();
      o.path("arguments").forEach(n -> names.add(n.asText()));
      Map<String, String> values = new LinkedHashMap<>();
      o.path("values").properties().forEach(f -> values.put(f.getKey(), f.getValue().asText()));
      Map<String, String> masked = new LinkedHashMap<>();
      o.path("masked").properties().forEach(f -> masked.put(f.getKey(), f.getValue().asText()));
      return new AuditEvent(
          Instant.parse(o.get("time").asText()),
          o.get("skill").asText(),
          o.get("tool").asText(),
          o.get("instance").asText(),
          o.get("runtime").asText(),
          o.get("status").asText(),
          o.get("exitCode").isNull()
              ? OptionalInt.empty()
              : OptionalInt.of(o.get("exitCode").asInt()),
          o.get("durationMs").asLong(),
          names,
          values,
          masked);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not an audit event line: " + e.getMessage(), e);
    }
  }

  /**
   * Whether anybody reads the events: a file, or the logger at INFO. When not, a caller need not
   * build them.
   */
  public boolean wanted() {
    return file.isPresent() || LOG.isInfoEnabled();
  }

  public void record(AuditEvent event) {
    record(event, Map.of());
  }

  public void record(AuditEvent event, Map<String, String> context) {
    record(event, context, Map.of());
  }

  /**
   * Records the event with the call's trace and span ids ({@code traceId}, {@code spanId}), if any.
   */
  public void record(AuditEvent event, Map<String, String> context, Map<String, String> traceIds) {
    if (!wanted()) {
      return; // nobody reads the line: not even built
    }
    String json = toJson(event, context, traceIds);
    LOG.info(json);
    if (file.isPresent()) {
      synchronized (this) {
        try {
          Writer w = file.get();
          w.write(json);
          w.write('\n');
          w.flush();
        } catch (IOException e) {
          LOG.error("cannot write the audit file: {}", e.toString());
        }
      }
    }
  }

  @Override
  public synchronized void close() {
    if (file.isPresent()) {
      try {
        file.get().close();
      } catch (IOException e) {
        LOG.warn("cannot close the audit file: {}", e.toString());
      }
    }
  }
}
