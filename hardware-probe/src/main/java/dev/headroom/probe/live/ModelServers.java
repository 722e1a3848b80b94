package dev.headroom.probe.live;

import java.util.List;

/**
 * The model servers running at one sample, largest first.
 *
 * @param servers at most {@link ModelServerSampler#MAX_SERVERS}
 * @param truncated whether more were running than listed (the sums below then count only those listed)
 */
public record ModelServers(List<ModelServer> servers, boolean truncated) {
    /** None seen (or not looked for). */
    public static final ModelServers NONE = new ModelServers(List.of(), false);

    public ModelServers {
        servers = List.copyOf(servers);
    }

    /** Device memory held by model servers on GPU {@code gpu}. */
    public long gpuBytes(int gpu) {
        return servers.stream().mapToLong(s -> s.gpuBytes().getOrDefault(gpu, 0L)).sum();
    }

    /** Unreclaimable host memory held by model servers. */
    public long residentBytes() {
        return servers.stream().mapToLong(ModelServer::residentBytes).sum();
    }
}
