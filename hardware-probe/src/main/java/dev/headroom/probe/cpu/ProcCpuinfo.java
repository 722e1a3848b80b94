package dev.headroom.probe.cpu;

import dev.headroom.probe.CpuFeatures;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What Linux's {@code /proc/cpuinfo} says, from x86 ({@code vendor_id}, {@code model name}, {@code flags},
 * {@code physical id}/{@code core id}) or ARM ({@code Features}, {@code CPU implementer}, {@code CPU part}).
 *
 * @param vendor {@code GenuineIntel}, {@code AuthenticAMD}, or the ARM implementer's name
 * @param model the model name, or the ARM core name when the kernel prints no model name
 * @param microarchitecture the ARM core (e.g. {@code Neoverse-V1}) from its part number; empty on x86 (OSHI knows those)
 * @param logicalProcessors "processor" entries
 * @param physicalCores distinct (physical id, core id) pairs on x86; 0 when not listed (ARM)
 * @param features normalised ISA features
 */
public record ProcCpuinfo(String vendor, String model, String microarchitecture, int logicalProcessors, int physicalCores,
                          List<String> features) {
    /** /proc/cpuinfo of a 512-thread machine is about 1 MB; more than this is not cpuinfo. */
    static final int MAX_CHARS = 8 << 20;

    /** ARM implementer codes (from the kernel's and util-linux lscpu's tables). */
    static final Map<String, String> IMPLEMENTERS = Map.of("0x41", "ARM", "0x61", "Apple", "0x51", "Qualcomm",
            "0x48", "HiSilicon", "0x4e", "NVIDIA", "0x50", "APM", "0xc0", "Ampere");

    /** ARM Ltd. part numbers of server/desktop cores (util-linux lscpu-arm.c). */
    static final Map<String, String> ARM_PARTS = Map.ofEntries(
            Map.entry("0xd03", "Cortex-A53"), Map.entry("0xd07", "Cortex-A57"), Map.entry("0xd08", "Cortex-A72"),
            Map.entry("0xd0b", "Cortex-A76"), Map.entry("0xd0c", "Neoverse-N1"), Map.entry("0xd40", "Neoverse-V1"),
            Map.entry("0xd49", "Neoverse-N2"), Map.entry("0xd4f", "Neoverse-V2"), Map.entry("0xd8e", "Neoverse-N3"),
            Map.entry("0xd84", "Neoverse-V3"), Map.entry("0xd85", "Cortex-X925"), Map.entry("0xd87", "Cortex-A725"),
            Map.entry("0xd46", "Cortex-A510"), Map.entry("0xd47", "Cortex-A710"), Map.entry("0xd48", "Cortex-X2"));

    public static ProcCpuinfo parse(String text) {
        if (text == null || text.length() > MAX_CHARS) {
            return new ProcCpuinfo("unknown", "unknown", "", 0, 0, List.of());
        }
        String vendor = null;
        String model = null;
        String implementer = null;
        String part = null;
        int logical = 0;
        List<String> flagLines = new ArrayList<>();
        Set<String> cores = new HashSet<>();
        String physicalId = "0";
        for (String line : text.lines().toList()) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "processor" -> {
                    if (value.matches("[0-9]+")) {
                        logical++;
                    }
                }
                case "vendor_id" -> vendor = vendor == null ? value : vendor;
                case "model name" -> model = model == null ? value : model;
                case "flags", "features" -> {
                    if (flagLines.isEmpty()) {
                        flagLines.add(value);
                    }
                }
                case "cpu implementer" -> implementer = implementer == null ? value.toLowerCase(Locale.ROOT) : implementer;
                case "cpu part" -> part = part == null ? value.toLowerCase(Locale.ROOT) : part;
                case "physical id" -> physicalId = value;
                case "core id" -> cores.add(physicalId + "/" + value);
                default -> {
                }
            }
        }
        String micro = "";
        if (implementer != null) {
            vendor = vendor == null ? IMPLEMENTERS.getOrDefault(implementer, "ARM implementer " + implementer) : vendor;
            if ("0x41".equals(implementer) && part != null) {
                micro = ARM_PARTS.getOrDefault(part, "");
            }
            if (model == null) {
                model = micro.isEmpty() ? vendor + " part " + part : micro;
            }
        }
        return new ProcCpuinfo(vendor == null ? "unknown" : vendor, model == null ? "unknown" : model, micro, logical,
                cores.size(), CpuFeatures.normalise(flagLines));
    }
}
