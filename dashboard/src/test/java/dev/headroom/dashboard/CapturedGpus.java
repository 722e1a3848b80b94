package dev.headroom.dashboard;

import dev.headroom.probe.live.GpuSample;
import dev.headroom.probe.live.GpuSampler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A fake GPU reader for this GPU-less machine, fed with readings captured on real machines
 * ({@code fixtures/nvml/captured-gpus.csv}, sources in the file).
 */
public final class CapturedGpus implements GpuSampler {
    private final List<GpuSample> gpus;

    public CapturedGpus() {
        this.gpus = load();
    }

    @Override
    public List<GpuSample> sample() {
        return gpus;
    }

    public static List<GpuSample> load() {
        try (InputStream in = CapturedGpus.class.getResourceAsStream("/fixtures/nvml/captured-gpus.csv")) {
            List<GpuSample> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(",");
                out.add(new GpuSample(Integer.parseInt(f[0]), "NVIDIA", f[1], Long.parseLong(f[2]), Long.parseLong(f[3]),
                        Integer.parseInt(f[4].trim()) / 100.0));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
