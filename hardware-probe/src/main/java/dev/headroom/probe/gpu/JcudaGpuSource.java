package dev.headroom.probe.gpu;

import dev.headroom.probe.JcudaProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * NVIDIA GPUs through the CUDA driver API ({@link JcudaProbe}): name, total and free memory, compute
 * capability, SM count and peak bandwidth from the memory clock and bus width. Applies on Windows, and on
 * Linux when the NVIDIA kernel driver is loaded ({@code /proc/driver/nvidia/version}, or the
 * {@code /dev/nvidiactl} device a container runtime passes in); elsewhere loading JCuda's natives could
 * only fail, so it is not tried.
 */
public final class JcudaGpuSource implements GpuSource {
    private final String osName;
    private final Path procRoot;
    private final Path devRoot;

    public JcudaGpuSource(String osName, Path procRoot, Path devRoot) {
        this.osName = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        this.procRoot = procRoot;
        this.devRoot = devRoot;
    }

    @Override
    public String name() {
        return "jcuda";
    }

    @Override
    public String vendor() {
        return "NVIDIA";
    }

    @Override
    public boolean applies() {
        return osName.startsWith("windows") || (osName.startsWith("linux")
                && (Files.exists(procRoot.resolve("driver/nvidia/version")) || Files.exists(devRoot.resolve("nvidiactl"))));
    }

    @Override
    public String whyNot() {
        return osName.startsWith("linux") ? "no NVIDIA driver (" + procRoot.resolve("driver/nvidia/version") + " absent)" : "";
    }

    @Override
    public GpuReadings read() {
        List<String> reasons = new ArrayList<>();
        return new GpuReadings(JcudaProbe.probe(reasons), reasons);
    }
}
