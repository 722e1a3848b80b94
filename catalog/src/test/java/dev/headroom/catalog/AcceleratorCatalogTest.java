package dev.headroom.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AcceleratorCatalogTest {
    static final AcceleratorCatalog CATALOG = AcceleratorCatalog.bundled();

    @Test
    void theBundledCatalogHasAtLeastFiftyAcceleratorsEachWithBandwidthARateAndASource() {
        assertThat(CATALOG.all()).hasSizeGreaterThanOrEqualTo(50);
        for (AcceleratorSpec s : CATALOG.all()) {
            assertThat(s.bandwidthBytesPerSecond()).as(s.name()).isPositive();
            // The engine's device ceilings need a positive rate for every device the probe might name.
            assertThat(s.fp16FlopsPerSecond()).as(s.name()).isPositive();
            assertThat(s.memoryBytes()).as(s.name()).isPositive();
            assertThat(s.source()).as(s.name()).isNotBlank();
        }
    }

    /** Names as drivers print them (nvidia-smi, rocm-smi, sysctl, the Intel driver) and short forms users type. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "NVIDIA GeForce RTX 4090|NVIDIA GeForce RTX 4090",
            "RTX 4090|NVIDIA GeForce RTX 4090",
            "GeForce RTX 3080 Ti|NVIDIA GeForce RTX 3080 Ti",
            "NVIDIA GeForce RTX 3080|NVIDIA GeForce RTX 3080 10GB",
            "NVIDIA GeForce RTX 3060|NVIDIA GeForce RTX 3060 12GB",
            "NVIDIA A100-SXM4-80GB|NVIDIA A100 80GB SXM4",
            "NVIDIA A100-PCIE-40GB|NVIDIA A100 40GB PCIe",
            "NVIDIA A100 80GB PCIe|NVIDIA A100 80GB PCIe",
            "NVIDIA H100 80GB HBM3|NVIDIA H100 SXM5 80GB",
            "NVIDIA H100 PCIe|NVIDIA H100 PCIe 80GB",
            "Tesla T4|NVIDIA T4",
            "Tesla V100-SXM2-32GB|NVIDIA V100 SXM2 32GB",
            "NVIDIA L4|NVIDIA L4",
            "NVIDIA L40S|NVIDIA L40S",
            "NVIDIA A10G|NVIDIA A10G (AWS g5)",
            "AMD Instinct MI300X|AMD Instinct MI300X",
            "Radeon RX 7900 XT|AMD Radeon RX 7900 XT",
            "Radeon RX 7900 XTX|AMD Radeon RX 7900 XTX",
            "Apple M2 Max|Apple M2 Max (38-core GPU)",
            "Apple M2|Apple M2 (10-core GPU)",
            "Apple M4 Pro|Apple M4 Pro (20-core GPU)",
            "Intel(R) Arc(TM) A770 Graphics|Intel Arc A770 16GB",
            "10de:2684|NVIDIA GeForce RTX 4090",
            "0x20B2|NVIDIA A100 80GB SXM4",
            "1002:74a1|AMD Instinct MI300X",
            "AMD GPU 1002:74a1|AMD Instinct MI300X",
            "Intel GPU 8086:56a0|Intel Arc A770 16GB"})
    void probedNamesAndPciIdsMatchTheRightRow(String probed, String expected) {
        AcceleratorSpec s = CATALOG.match(probed);
        assertThat(s).as(probed).isNotNull();
        assertThat(s.name()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"NVIDIA GeForce RTX 4060", "NVIDIA A100 80GB SXM5", "Matrox G200eR2", "''",
            "NVIDIA GeForce RTX 4090 Laptop GPU", "NVIDIA GeForce RTX 4090 D", "NVIDIA GeForce RTX 4070 SUPER", "Apple M4 Ultra"})
    void devicesNotInTheCatalogMatchNothingRatherThanTheWrongRow(String probed) {
        assertThat(CATALOG.match(probed)).isNull();
    }

    @Test
    void aPciIdIsTheFallbackWhenTheNameIsUnknown() {
        assertThat(CATALOG.match("AMD GPU 1002:74a1", "1002:74a1").name()).isEqualTo("AMD Instinct MI300X");
        assertThat(CATALOG.match("Unknown device", "10de:ffff")).isNull();
    }

    @Test
    void bf16AliasesAndPciIdsAreReadFromTheCsv() {
        AcceleratorSpec h100 = CATALOG.match("NVIDIA H100 80GB HBM3");
        // H100 SXM5 dense BF16 989.4 TFLOP/s (row's source: stas00/ml-engineering, NVIDIA H100 whitepaper).
        assertThat(h100.bf16FlopsPerSecond()).isEqualTo(989.4e12);
        assertThat(h100.pciIds()).containsExactly("10de:2330");
        assertThat(CATALOG.match("Tesla T4").bf16FlopsPerSecond()).isZero();
        assertThat(CATALOG.match("Apple M1").fp16FlopsPerSecond()).isEqualTo(2.6e12);
        assertThat(new AcceleratorSpec("x", "y", 1, 1, 1, 0, "s").aliases()).isEqualTo(List.of());
    }
}
