package dev.headroom.sizing.memory;

import java.util.List;

/** A memory estimate as the sum of its sourced parts. The total is always the sum, never the largest part. */
public record MemoryBreakdown(List<MemoryComponent> components) {
    public MemoryBreakdown {
        components = List.copyOf(components);
    }

    public long totalBytes() {
        long total = 0;
        for (MemoryComponent c : components) {
            total = Math.addExact(total, c.bytes());
        }
        return total;
    }

    /** Bytes of the named component, 0 when absent. */
    public long bytesOf(String name) {
        long total = 0;
        for (MemoryComponent c : components) {
            if (c.name().equals(name)) {
                total = Math.addExact(total, c.bytes());
            }
        }
        return total;
    }

    public long weightsBytes() {
        return bytesOf(MemoryComponent.WEIGHTS);
    }

    public long kvCacheBytes() {
        return bytesOf(MemoryComponent.KV_CACHE);
    }

    /** The same breakdown without the named component (e.g. no GPU runtime context for a CPU placement). */
    public MemoryBreakdown without(String name) {
        return new MemoryBreakdown(components.stream().filter(c -> !c.name().equals(name)).toList());
    }
}
