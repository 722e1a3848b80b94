package dev.headroom.probe.gpu;

import dev.headroom.probe.gpu.DrmCards.Card;
import dev.headroom.sizing.hardware.GpuInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A GPU source over the Linux DRM sysfs tree ({@code /sys/class/drm/card*}): walks the cards of one PCI
 * vendor and lets the vendor's driver files say what each card has. Subclasses read one card.
 */
abstract class DrmGpuSource implements GpuSource {
    private final Path drmRoot;
    private final String pciVendorId;

    /** @param pciVendorId the PCI vendor id the subclass reads, lower-case hex ({@code 1002} AMD, {@code 8086} Intel) */
    DrmGpuSource(Path drmRoot, String pciVendorId) {
        this.drmRoot = drmRoot;
        this.pciVendorId = pciVendorId;
    }

    @Override
    public final String name() {
        return "sysfs";
    }

    @Override
    public final boolean applies() {
        return Files.isDirectory(drmRoot);
    }

    @Override
    public final GpuReadings read() {
        List<GpuInfo> gpus = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Card card : DrmCards.list(drmRoot)) {
            if (card.vendorId().equals(pciVendorId)) {
                GpuInfo gpu = readCard(card, problems);
                if (gpu != null) {
                    gpus.add(gpu);
                }
            }
        }
        return new GpuReadings(gpus, problems);
    }

    /** The card's GPU, or null (with the reason added to {@code problems}) when it has no memory of its own. */
    abstract GpuInfo readCard(Card card, List<String> problems);
}
