package dev.headroom.probe;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Normalises ISA feature flags. OSHI returns Linux's raw {@code /proc/cpuinfo} "flags" (x86) or
 * "Features" (ARM) lines; this keeps the features that matter for inference kernels, lower case.
 */
public final class CpuFeatures {
    /** Features worth reporting, as the kernel spells them (ARM's "asimd" is NEON). */
    static final Set<String> RELEVANT = Set.of("sse4_2", "avx", "avx2", "fma", "f16c", "avx512f", "avx512bw", "avx512vl",
            "avx512_vnni", "avx512_bf16", "avx512_fp16", "avx_vnni", "amx_tile", "amx_int8", "amx_bf16",
            "asimd", "neon", "asimddp", "asimdhp", "sve", "sve2", "i8mm", "bf16", "fphp");

    private CpuFeatures() {
    }

    /** Splits flag lines ("flags : fpu vme ..." or bare flag lists) and keeps the relevant features, sorted. */
    public static List<String> normalise(Collection<String> lines) {
        Set<String> out = new TreeSet<>();
        for (String line : lines) {
            String body = line.contains(":") ? line.substring(line.indexOf(':') + 1) : line;
            for (String flag : body.trim().toLowerCase(Locale.ROOT).split("\\s+")) {
                if (RELEVANT.contains(flag)) {
                    out.add(flag);
                }
            }
        }
        if (out.contains("asimd")) {
            out.add("neon");
        }
        return new ArrayList<>(out);
    }
}
