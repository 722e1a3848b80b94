package dev.headroom.probe.gpu;

import dev.headroom.probe.gpu.DrmCards.Card;
import dev.headroom.sizing.hardware.Confidence;
import dev.headroom.sizing.hardware.GpuInfo;
import java.nio.file.Path;
import java.util.List;

/**
 * Intel GPUs (i915 and xe drivers) from sysfs. Discrete Arc / Data Center GPUs expose their local memory
 * (LMEM) size as {@code lmem_total_bytes} (and {@code lmem_avail_bytes}) beside the card or its PCI
 * device; integrated graphics have none and share host RAM, so they are reported as a note only.
 * The attribute names are those used by public Intel GPU monitors; no Intel discrete GPU was available
 * to capture a tree, so confidence is {@link Confidence#MEDIUM}.
 */
public final class IntelSysfsGpuSource extends DrmGpuSource {
    private static final List<String> TOTAL_FILES = List.of("lmem_total_bytes", "device/lmem_total_bytes");
    private static final List<String> AVAILABLE_FILES = List.of("lmem_avail_bytes", "device/lmem_avail_bytes");

    public IntelSysfsGpuSource(Path drmRoot) {
        super(drmRoot, "8086");
    }

    @Override
    public String vendor() {
        return "Intel";
    }

    @Override
    GpuInfo readCard(Card card, List<String> problems) {
        long total = first(card.dir(), TOTAL_FILES);
        long available = first(card.dir(), AVAILABLE_FILES);
        if (total <= 0) {
            problems.add("sysfs: Intel GPU " + card.pciId() + " (card" + card.index()
                    + ") reports no local memory: integrated graphics sharing host RAM");
            return null;
        }
        return new GpuInfo(card.index(), "Intel", "Intel GPU " + card.pciId(), total,
                available < 0 ? GpuInfo.UNKNOWN : Math.min(available, total), false, "sysfs", "", 0, 0,
                card.pciId(), Confidence.MEDIUM, "local memory from i915/xe sysfs");
    }

    private static long first(Path cardDir, List<String> files) {
        for (String f : files) {
            long v = DrmCards.readBytes(cardDir.resolve(f));
            if (v >= 0) {
                return v;
            }
        }
        return -1;
    }
}
