package dev.headroom.probe.gpu;

import dev.headroom.probe.gpu.DrmCards.Card;
import dev.headroom.sizing.hardware.Confidence;
import dev.headroom.sizing.hardware.GpuInfo;
import java.nio.file.Path;
import java.util.List;

/**
 * AMD GPUs from the amdgpu driver's sysfs files {@code device/mem_info_vram_total} and
 * {@code device/mem_info_vram_used} (bytes), for machines without ROCm tools. An APU's VRAM is a small
 * carve-out of host RAM (typically 512 MiB or less); it is reported as such, not as a discrete GPU.
 */
public final class AmdSysfsGpuSource extends DrmGpuSource {
    /** VRAM at or below this is an APU carve-out of host RAM, not a discrete card's memory. */
    static final long CARVE_OUT_BYTES = 1L << 30;

    public AmdSysfsGpuSource(Path drmRoot) {
        super(drmRoot, "1002");
    }

    @Override
    public String vendor() {
        return "AMD";
    }

    @Override
    GpuInfo readCard(Card card, List<String> problems) {
        long total = DrmCards.readBytes(card.device().resolve("mem_info_vram_total"));
        long used = DrmCards.readBytes(card.device().resolve("mem_info_vram_used"));
        String product = DrmCards.read(card.device().resolve("product_name"));
        String name = product == null || product.isBlank() ? "AMD GPU " + card.pciId() : product;
        if (total <= 0) {
            problems.add("sysfs: AMD GPU " + card.pciId() + " (card" + card.index() + "): mem_info_vram_total unreadable");
            return null;
        }
        if (total <= CARVE_OUT_BYTES) {
            problems.add("sysfs: AMD GPU " + card.pciId() + " (card" + card.index() + ") has a " + (total >> 20)
                    + " MiB carve-out only: an integrated GPU that shares host RAM, not counted as GPU memory");
            return null;
        }
        return new GpuInfo(card.index(), "AMD", name, total, used < 0 ? GpuInfo.UNKNOWN : Math.max(0, total - used),
                false, "sysfs", "", 0, 0, card.pciId(), Confidence.HIGH, "");
    }
}
