package dev.headroom.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuFeaturesTest {
    @Test
    void sapphireRapidsAmxFlagsAreKeptInKernelSpelling() {
        // Flags as the kernel prints them on Sapphire Rapids (arch/x86/include/asm/cpufeatures.h names).
        assertThat(CpuFeatures.normalise(List.of("flags : fpu avx2 avx512f avx512_bf16 avx512_fp16 amx_bf16 amx_tile amx_int8 avx_vnni")))
                .containsExactly("amx_bf16", "amx_int8", "amx_tile", "avx2", "avx512_bf16", "avx512_fp16", "avx512f", "avx_vnni");
    }

    @Test
    void asimdImpliesNeonOnLinuxAndOnMacOs() {
        assertThat(CpuFeatures.normalise(List.of("Features : fp asimd"))).containsExactly("asimd", "neon");
        assertThat(CpuFeatures.fromSysctl(Map.of("hw.optional.neon", "1", "hw.optional.arm.FEAT_BF16", "0")))
                .containsExactly("asimd", "neon");
    }
}
