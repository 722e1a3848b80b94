package dev.headroom.probe.gpu;

import dev.headroom.probe.gpu.DrmCards.Card;
import dev.headroom.sizing.hardware.Confidence;
import dev.headroom.sizing.hardware.GpuInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * AMD GPUs from the amdgpu driver's sysfs files {@code device/mem_info_vram_total} and
 * {@code device/mem_info_vram_used} (bytes), for machines without ROCm tools. An APU's VRAM is a small
 * carve-out of host RAM (typically 512 MiB or less); it is reported as such, not as a discrete GPU.
 */
public final class AmdSysfsGpuSource implements GpuSource {
    /** VRAM at or below this is an APU carve-out of host RAM, not a discrete card's memory. */
    static final long CARVE_OUT_BYTES = 1L << 30;

    private final Path drmRoot;

    public AmdSysfsGpuSource(Path drmRoot) {
        this.drmRoot = drmRoot;
    }

    @Override
    public String name() {
        return "sysfs";
    }

    @Override
    public String vendor() {
        return "AMD";
    }

    @Override
    public boolean applies() {
        return Files.isDirectory(drmRoot);
    }

    @Override
    public GpuReadings read() {
        List<GpuInfo> gpus = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Card card : DrmCards.list(drmRoot)) {
            if (!card.vendorId().equals("1002")) {
                continue;
            }
            long total = DrmCards.readBytes(card.device().resolve("mem_info_vram_total"));
            long used = DrmCards.readBytes(card.device().resolve("mem_info_vram_used"));
            String product = DrmCards.read(card.device().resolve("product_name"));
            String name = product == null || product.isBlank() ? "AMD GPU " + card.pciId() : product;
            if (total <= 0) {
                problems.add("sysfs: AMD GPU " + card.pciId() + " (card" + card.index() + "): mem_info_vram_total unreadable");
            } else if (total <= CARVE_OUT_BYTES) {
                problems.add("sysfs: AMD GPU " + card.pciId() + " (card" + card.index() + ") has a " + (total >> 20)
                        + " MiB carve-out only: an integrated GPU that shares host RAM, not counted as GPU memory");
            } else {
                gpus.add(new GpuInfo(card.index(), "AMD", name, total, used < 0 ? GpuInfo.UNKNOWN : Math.max(0, total - used),
                        false, "sysfs", "", 0, 0, card.pciId(), Confidence.HIGH, ""));
            }
        }
        return new GpuReadings(gpus, problems);
    }
}
