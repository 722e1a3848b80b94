package dev.headroom.probe.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.probe.Fixtures;
import org.junit.jupiter.api.Test;

/** /proc/cpuinfo from x86 and ARM machines; provenance in fixtures/README.md. */
class ProcCpuinfoTest {
    @Test
    void anEpycWithAvx512ReportsBf16AndVnniButNoAmx() {
        ProcCpuinfo c = ProcCpuinfo.parse(Fixtures.text("cpuinfo/x86-amd-epyc-zen5-ci-vm.txt"));
        assertThat(c.vendor()).isEqualTo("AuthenticAMD");
        assertThat(c.model()).isEqualTo("AMD EPYC");
        assertThat(c.logicalProcessors()).isEqualTo(2);
        assertThat(c.features()).contains("avx2", "avx512f", "avx512_bf16", "avx512_vnni", "fma", "f16c")
                .doesNotContain("amx_tile", "neon");
    }

    @Test
    void aCoreI7860HasSse42ButNoAvxAndFourCoresUnderEightThreads() {
        ProcCpuinfo c = ProcCpuinfo.parse(Fixtures.text("cpuinfo/x86-intel-core-i7-860.txt"));
        assertThat(c.model()).isEqualTo("Intel(R) Core(TM) i7 CPU         860  @ 2.80GHz");
        assertThat(c.logicalProcessors()).isEqualTo(8);
        assertThat(c.physicalCores()).isEqualTo(4);
        assertThat(c.features()).containsExactly("sse4_2");
    }

    @Test
    void aNeoverseV1IsNamedFromItsPartNumberAndHasSveBf16AndI8mm() {
        ProcCpuinfo c = ProcCpuinfo.parse(Fixtures.text("cpuinfo/arm64-neoverse-v1-graviton3.txt"));
        assertThat(c.vendor()).isEqualTo("ARM");
        assertThat(c.microarchitecture()).isEqualTo("Neoverse-V1");
        assertThat(c.model()).isEqualTo("Neoverse-V1");
        assertThat(c.features()).contains("asimd", "neon", "asimddp", "sve", "bf16", "i8mm", "fphp", "asimdhp")
                .doesNotContain("sve2", "avx2");
    }

    @Test
    void anXGeneHasOnlyNeonAndCountsItsEightProcessors() {
        ProcCpuinfo c = ProcCpuinfo.parse(Fixtures.text("cpuinfo/arm64-apm-xgene.txt"));
        assertThat(c.vendor()).isEqualTo("APM");
        assertThat(c.logicalProcessors()).isEqualTo(8);
        assertThat(c.features()).containsExactly("asimd", "neon");
        assertThat(c.microarchitecture()).isEmpty();
    }

    @Test
    void garbageGivesAnUnknownCpuRatherThanAnError() {
        ProcCpuinfo c = ProcCpuinfo.parse("\u0000\u0001 not cpuinfo at all");
        assertThat(c.vendor()).isEqualTo("unknown");
        assertThat(c.logicalProcessors()).isZero();
    }
}
