package dev.headroom.probe.gpu;

import dev.headroom.sizing.hardware.Confidence;
import dev.headroom.sizing.hardware.GpuInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * OSHI's {@code GraphicsCard} list, the last resort. Its VRAM figure is often wrong, so known-bogus values
 * are dropped with a note rather than trusted: 0 bytes, phantom cards named "unknown", sizes of 256 MiB
 * or less (a PCI BAR window, not the memory), and exactly 4 GiB or 4 GiB - 1 (Windows WMI's
 * {@code AdapterRAM} is a 32-bit field and saturates there).
 */
public final class OshiGraphicsGpuSource implements GpuSource {
    static final long BAR_WINDOW_BYTES = 256L << 20;
    static final long WMI_CAP_BYTES = 4L << 30;

    /** What OSHI says about one card (kept separate from OSHI's type so tests can feed captured values). */
    public record Card(String name, String vendor, String deviceId, long vramBytes) {
    }

    private final Supplier<List<Card>> cards;
    private final BooleanSupplier applies;

    /**
     * @param cards OSHI's cards (a fake in tests)
     * @param applies whether to consult OSHI at all (it spawns lspci/lshw on Linux, so only where nothing better exists)
     */
    public OshiGraphicsGpuSource(Supplier<List<Card>> cards, BooleanSupplier applies) {
        this.cards = cards;
        this.applies = applies;
    }

    /**
     * Backed by the real OSHI; applies on Windows, on Intel Macs (Apple Silicon has the sysctl source) and on
     * Linux without a readable /sys/class/drm where OSHI has a tool to ask ({@code lspci} or {@code lshw}: its
     * Linux implementation runs them, so without either it could only spend time finding nothing).
     */
    public static OshiGraphicsGpuSource real(String osName, String osArch, java.nio.file.Path drmRoot,
                                             dev.headroom.probe.command.CommandRunner runner) {
        String os = osName.toLowerCase(Locale.ROOT);
        boolean intelMac = os.startsWith("mac") && !osArch.equals("aarch64") && !osArch.equals("arm64");
        Supplier<List<Card>> oshi = () -> new oshi.SystemInfo().getHardware().getGraphicsCards().stream()
                .map(g -> new Card(g.getName(), g.getVendor(), g.getDeviceId(), g.getVRam())).toList();
        // OSHI runs lspci/lshw without a time limit: bounded like the tools the runner starts.
        Supplier<List<Card>> bounded = () -> {
            List<String> why = new ArrayList<>();
            return dev.headroom.probe.command.BoundedCall.call("OSHI (lspci/lshw)", runner.timeout(), oshi, () -> {
                throw new IllegalStateException(why.isEmpty() ? "OSHI did not answer" : why.get(0));
            }, why);
        };
        return new OshiGraphicsGpuSource(bounded,
                () -> os.startsWith("windows") || intelMac || (os.startsWith("linux") && !java.nio.file.Files.isDirectory(drmRoot)
                        && (runner.find("lspci").isPresent() || runner.find("lshw").isPresent())));
    }

    @Override
    public String name() {
        return "oshi";
    }

    @Override
    public String vendor() {
        return "any";
    }

    @Override
    public boolean applies() {
        return applies.getAsBoolean();
    }

    @Override
    public GpuReadings read() {
        List<Card> list;
        try {
            list = cards.get();
        } catch (RuntimeException | LinkageError e) {
            return GpuReadings.none("OSHI graphics cards unavailable: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        return filter(list);
    }

    /** Keeps the cards whose memory figure is plausible (pure; tested with captured values). */
    public static GpuReadings filter(List<Card> list) {
        List<GpuInfo> gpus = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int index = 0;
        for (Card c : list) {
            String name = c.name() == null ? "" : c.name().strip();
            long vram = c.vramBytes();
            String why = bogus(name, vram);
            if (why != null) {
                problems.add("oshi: ignored graphics card '" + (name.isEmpty() ? "?" : name) + "': " + why);
                continue;
            }
            gpus.add(new GpuInfo(index++, vendorOf(name + " " + c.vendor()), name, vram, GpuInfo.UNKNOWN, false, "oshi",
                    "", 0, 0, "", Confidence.LOW, "VRAM from OSHI (no driver tool available)"));
        }
        return new GpuReadings(gpus, problems);
    }

    static String bogus(String name, long vram) {
        if (name.isEmpty() || name.equalsIgnoreCase("unknown")) {
            return "phantom card without a name";
        }
        if (vram <= 0) {
            return "0 bytes of memory reported";
        }
        if (vram <= BAR_WINDOW_BYTES) {
            return (vram >> 20) + " MiB is a PCI BAR window, not the card's memory";
        }
        if (vram == WMI_CAP_BYTES || vram == WMI_CAP_BYTES - 1) {
            return "4 GiB is the Windows WMI AdapterRAM cap, not the card's memory";
        }
        return null;
    }

    static String vendorOf(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.contains("nvidia") || t.contains("geforce") || t.contains("quadro") || t.contains("tesla")) {
            return "NVIDIA";
        }
        if (t.contains("amd") || t.contains("radeon") || t.contains("advanced micro")) {
            return "AMD";
        }
        if (t.contains("intel")) {
            return "Intel";
        }
        if (t.contains("apple")) {
            return "Apple";
        }
        return "unknown";
    }
}
