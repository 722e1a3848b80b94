package dev.headroom.dashboard.fleet;

import dev.headroom.dashboard.fleet.PrometheusClient.Sample;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the fleet from the {@code headroom_*} series (names and labels in docs/metrics.md): a host is a
 * {@code (job, instance)} that exports {@code headroom_host_info}; its GPUs come from
 * {@code headroom_gpu_info} ({@code gpu}, {@code vendor}, {@code name}) and
 * {@code headroom_gpu_memory_total_bytes} / {@code _used_bytes}; its RAM from
 * {@code headroom_memory_effective_available_bytes}. Calibrated GPU ceilings are read from
 * {@link #BANDWIDTH} and {@link #COMPUTE} when a host exports them (none does yet; NaN otherwise).
 * Series that went stale (a target that stopped answering) are absent from instant queries, so such a
 * host drops out within Prometheus' staleness window.
 */
public final class FleetReader {
    /** Proposed series: calibrated memory bandwidth per GPU, bytes/s, labels {@code gpu}, {@code origin}. */
    public static final String BANDWIDTH = "headroom_gpu_bandwidth_bytes_per_second";
    /** Proposed series: calibrated dense compute per GPU, FLOP/s, labels {@code gpu}, {@code origin}. */
    public static final String COMPUTE = "headroom_gpu_compute_flops_per_second";

    private FleetReader() {
    }

    /** Every host Prometheus scrapes. */
    public static Fleet read(PrometheusClient prometheus) throws IOException {
        return read(prometheus, "");
    }

    /**
     * @param selector label matchers narrowing the hosts, e.g. {@code job="headroom"}; "" for all
     * @throws IllegalArgumentException when the selector contains braces (give the matchers only)
     */
    public static Fleet read(PrometheusClient prometheus, String selector) throws IOException {
        if (selector.contains("{") || selector.contains("}")) {
            throw new IllegalArgumentException("selector: give label matchers without braces, e.g. job=\"headroom\"");
        }
        String m = selector.isBlank() ? "" : "{" + selector + "}";
        Map<String, Sample> hosts = new TreeMap<>();
        for (Sample s : prometheus.query("headroom_host_info" + m)) {
            hosts.put(hostKey(s), s);
        }
        Map<String, Map<Integer, Sample>> info = byGpu(prometheus.query("headroom_gpu_info" + m));
        Map<String, Map<Integer, Sample>> total = byGpu(prometheus.query("headroom_gpu_memory_total_bytes" + m));
        Map<String, Map<Integer, Sample>> used = byGpu(prometheus.query("headroom_gpu_memory_used_bytes" + m));
        Map<String, Map<Integer, Sample>> bandwidth = byGpu(prometheus.query(BANDWIDTH + m));
        Map<String, Map<Integer, Sample>> compute = byGpu(prometheus.query(COMPUTE + m));
        Map<String, Double> ram = new HashMap<>();
        for (Sample s : prometheus.query("headroom_memory_effective_available_bytes" + m)) {
            ram.put(hostKey(s), s.value());
        }
        List<FleetHost> out = new ArrayList<>();
        for (Map.Entry<String, Sample> h : hosts.entrySet()) {
            String key = h.getKey();
            List<FleetGpu> gpus = new ArrayList<>();
            for (Map.Entry<Integer, Sample> g : info.getOrDefault(key, Map.of()).entrySet()) {
                int index = g.getKey();
                double t = value(total, key, index);
                double u = value(used, key, index);
                gpus.add(new FleetGpu(index, g.getValue().label("vendor"), g.getValue().label("name"),
                        Double.isNaN(t) ? 0 : (long) t, Double.isNaN(u) ? FleetGpu.UNKNOWN : (long) u,
                        value(bandwidth, key, index), value(compute, key, index)));
            }
            gpus.sort(Comparator.comparingInt(FleetGpu::index));
            Double r = ram.get(key);
            Sample s = h.getValue();
            out.add(new FleetHost(s.label("job"), s.label("instance"), s.label("host"), s.label("os"),
                    r == null || r.isNaN() ? -1 : r.longValue(), gpus));
        }
        return new Fleet(out);
    }

    private static String hostKey(Sample s) {
        return s.label("job") + "\u0000" + s.label("instance");
    }

    private static Map<String, Map<Integer, Sample>> byGpu(List<Sample> samples) {
        Map<String, Map<Integer, Sample>> out = new HashMap<>();
        for (Sample s : samples) {
            int gpu;
            try {
                gpu = Integer.parseInt(s.label("gpu"));
            } catch (NumberFormatException e) {
                continue; // not a headroom GPU series
            }
            out.computeIfAbsent(hostKey(s), k -> new TreeMap<>()).put(gpu, s);
        }
        return out;
    }

    private static double value(Map<String, Map<Integer, Sample>> series, String host, int gpu) {
        Sample s = series.getOrDefault(host, Map.of()).get(gpu);
        return s == null ? Double.NaN : s.value();
    }
}
