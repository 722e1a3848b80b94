package dev.headroom.probe;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Normalises ISA feature flags. OSHI returns Linux's raw {@code /proc/cpuinfo} "flags" (x86) or
 * "Features" (ARM) lines; macOS reports ARM features as {@code hw.optional.arm.FEAT_*} sysctls. Both are
 * reduced to the features that matter for inference kernels, in the Linux kernel's lower-case spelling
 * ({@code avx512_bf16}, {@code amx_tile}, {@code asimddp}), plus {@code neon} wherever {@code asimd} is present.
 */
public final class CpuFeatures {
    /** Features worth reporting, as the kernel spells them (ARM's "asimd" is NEON, "asimddp" the dot product). */
    static final Set<String> RELEVANT = Set.of("sse4_2", "avx", "avx2", "fma", "f16c", "avx512f", "avx512bw", "avx512vl",
            "avx512_vnni", "avx512_bf16", "avx512_fp16", "avx_vnni", "amx_tile", "amx_int8", "amx_bf16",
            "asimd", "neon", "asimddp", "asimdhp", "sve", "sve2", "i8mm", "bf16", "fphp", "sme", "sme2");

    /** macOS {@code hw.optional.*} sysctls (value 1 = present) and the kernel spelling each stands for. */
    static final Map<String, List<String>> SYSCTL = Map.of(
            "hw.optional.arm.FEAT_BF16", List.of("bf16"),
            "hw.optional.arm.FEAT_I8MM", List.of("i8mm"),
            "hw.optional.arm.FEAT_DotProd", List.of("asimddp"),
            "hw.optional.arm.FEAT_FP16", List.of("fphp", "asimdhp"),
            "hw.optional.arm.FEAT_SME", List.of("sme"),
            "hw.optional.arm.FEAT_SME2", List.of("sme2"),
            "hw.optional.arm.FEAT_SVE", List.of("sve"),
            "hw.optional.neon", List.of("asimd"),
            "hw.optional.AdvSIMD", List.of("asimd"));

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

    /** Features from parsed macOS sysctl values ({@code hw.optional.arm.FEAT_BF16: 1}), in the same spelling. */
    public static List<String> fromSysctl(Map<String, String> sysctl) {
        Set<String> out = new TreeSet<>();
        SYSCTL.forEach((key, features) -> {
            if ("1".equals(sysctl.getOrDefault(key, "").strip())) {
                out.addAll(features);
            }
        });
        if (out.contains("asimd")) {
            out.add("neon");
        }
        return new ArrayList<>(out);
    }
}
