package dev.headroom.dashboard.fleet;

import java.util.List;

/**
 * One host of the fleet: a scrape target exporting {@code headroom_host_info}.
 *
 * @param job the Prometheus {@code job} label
 * @param instance the {@code instance} label (host:port of the target), the host's identity
 * @param hostName the host's own name ({@code host} label of {@code headroom_host_info})
 * @param os the operating system
 * @param memoryAvailableBytes RAM a model could allocate now ({@code headroom_memory_effective_available_bytes}), or -1
 * @param gpus its GPUs by index
 */
public record FleetHost(String job, String instance, String hostName, String os, long memoryAvailableBytes, List<FleetGpu> gpus) {
    public FleetHost {
        gpus = List.copyOf(gpus);
    }
}
