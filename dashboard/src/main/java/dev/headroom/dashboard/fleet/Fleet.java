package dev.headroom.dashboard.fleet;

import java.util.List;

/** The hosts Prometheus scrapes now, ordered by job and instance. */
public record Fleet(List<FleetHost> hosts) {
    public Fleet {
        hosts = List.copyOf(hosts);
    }

    public int gpuCount() {
        return hosts.stream().mapToInt(h -> h.gpus().size()).sum();
    }
}
