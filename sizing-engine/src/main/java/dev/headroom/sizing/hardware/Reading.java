package dev.headroom.sizing.hardware;

/**
 * Where one fact of a hardware profile came from, for provenance in reports.
 *
 * @param fact what was read, e.g. {@code memory.limitBytes}, {@code cpu.features}, {@code gpu0.memoryTotalBytes}
 * @param source where it was read, e.g. {@code cgroup v2 /sys/fs/cgroup/memory.max}, {@code OSHI}, {@code nvidia-smi}
 * @param confidence how far it can be trusted
 */
public record Reading(String fact, String source, Confidence confidence) {
    public Reading {
        if (fact == null || fact.isBlank()) {
            throw new IllegalArgumentException("fact: must not be blank");
        }
        source = source == null ? "unknown" : source;
        confidence = confidence == null ? Confidence.LOW : confidence;
    }
}
