package dev.skillrt.agentskills;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * One regular file of a skill folder, as listed for a client.
 *
 * @param path its path inside the folder, with {@code /} between names
 * @param size its size in bytes
 * @param sha256 the SHA-256 of its content, in lower-case hex
 */
@API(status = EXPERIMENTAL, since = "0.2")
public record SkillFile(String path, long size, String sha256) {}
