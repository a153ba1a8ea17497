package dev.skillrt.manifest;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.api.Location;
import java.util.OptionalInt;
import org.apiguardian.api.API;

/**
 * One upstream {@code [[skills.NAME.services]]} entry: a service the skill expects to reach.
 * Informational: the engine does not start services.
 *
 * @param name {@code name}
 * @param description {@code description}
 * @param optional {@code optional}
 * @param defaultPort {@code default_port}
 * @param location where the entry is written
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ServiceDefinition(
    String name,
    String description,
    boolean optional,
    OptionalInt defaultPort,
    Location location) {}
