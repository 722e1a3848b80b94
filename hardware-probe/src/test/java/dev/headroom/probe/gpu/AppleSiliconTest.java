package dev.headroom.probe.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.probe.Fixtures;
import dev.headroom.sizing.hardware.Confidence;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code sysctl hw} captures from M1, M2, M3 Max and M4 Pro Macs; provenance in fixtures/README.md. */
class AppleSiliconTest {
    static AppleSilicon mac(String... fixtures) {
        StringBuilder text = new StringBuilder();
        for (String f : fixtures) {
            text.append(Fixtures.text("sysctl/" + f)).append('\n');
        }
        return AppleSilicon.from(SysctlParser.parse(text.toString()));
    }

    @Test
    void anM1With16GibGetsTwoThirdsForTheGpuByDefault() {
        AppleSilicon m1 = mac("m1-macbook-air-16gb-sysctl-hw.txt");
        assertThat(m1.chip()).isEqualTo("Apple M1");
        assertThat(m1.microarchitecture()).isEqualTo("Firestorm/Icestorm (M1)");
        assertThat(m1.memoryBytes()).isEqualTo(16L << 30);
        // mlx-lm warns of a "maximum recommended size of 10922 MB" on a 16 GB M1: 2/3 of 16384 MiB.
        assertThat(m1.gpuUsableBytes() >> 20).isEqualTo(10922);
        assertThat(m1.gpuShareConfidence()).isEqualTo(Confidence.LOW);
        assertThat(m1.performanceCores()).isEqualTo(4);
        assertThat(m1.efficiencyCores()).isEqualTo(4);
        assertThat(m1.caches().l2Bytes()).isEqualTo(12L << 20);
        assertThat(m1.features()).contains("neon", "asimddp", "fphp").doesNotContain("bf16", "i8mm");
    }

    @Test
    void anM2AddsBf16AndInt8MatrixMultiply() {
        AppleSilicon m2 = mac("m2-macbook-air-24gb-sysctl-hw.txt");
        assertThat(m2.chip()).isEqualTo("Apple M2");
        assertThat(m2.features()).contains("bf16", "i8mm", "neon");
        assertThat(m2.gpuUsableBytes()).isEqualTo(16L << 30);
    }

    @Test
    void anM3MaxWith128GibGetsThreeQuartersAndTwelvePerformanceCores() {
        AppleSilicon m3 = mac("m3-max-128gb-sysctl-hw.txt");
        assertThat(m3.chip()).isEqualTo("Apple M3 Max");
        assertThat(m3.gpuUsableBytes()).isEqualTo(96L << 30);
        assertThat(m3.performanceCores()).isEqualTo(12);
        assertThat(m3.efficiencyCores()).isEqualTo(4);
    }

    @Test
    void anM4ProReportsSmeAndAnExplicitWiredLimitWins() {
        AppleSilicon m4 = mac("m4-pro-64gb-sysctl-hw.txt", "wired-limit-114688.txt");
        assertThat(m4.chip()).isEqualTo("Apple M4 Pro/Max");
        assertThat(m4.features()).contains("sme", "sme2", "bf16", "i8mm");
        // 114688 MiB exceeds the 64 GiB of RAM: the GPU cannot have more than the machine.
        assertThat(m4.gpuUsableBytes()).isEqualTo(64L << 30);
        assertThat(m4.gpuShareConfidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(m4.gpu().unifiedMemory()).isTrue();
        assertThat(m4.gpu().source()).isEqualTo("sysctl");
    }

    @Test
    void theBrandStringNamesTheChipWhenPresentAndAZeroWiredLimitMeansTheDefault() {
        AppleSilicon m = mac("m3-max-128gb-sysctl-hw.txt", "wired-limit-default.txt");
        assertThat(m.gpuShareNote()).contains("3/4").contains("= 0");
        AppleSilicon named = AppleSilicon.from(Map.of("hw.memsize", "34359738368", "machdep.cpu.brand_string", "Apple M2 Pro"));
        assertThat(named.chip()).isEqualTo("Apple M2 Pro");
        assertThat(named.gpuUsableBytes()).isEqualTo((32L << 30) / 3 * 2);
    }

    @Test
    void outputWithoutMemsizeIsNotAMac() {
        assertThat(AppleSilicon.from(SysctlParser.parse("sysctl: unknown oid 'hw.memsize'\nkernel.ostype = Linux\n"))).isNull();
    }
}
