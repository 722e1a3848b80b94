package dev.headroom.cli.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.cli.CommandRun;
import dev.headroom.cli.ExitCodes;
import dev.headroom.cli.Json;
import org.junit.jupiter.api.Test;

/** {@code headroom catalog devices}: figures are the catalog rows' (accelerators.csv, with their sources). */
class CatalogDevicesCommandTest {
    @Test
    void theListShowsMemoryInGibibytesAndTheDatasheetRates() {
        CommandRun r = CommandRun.of("catalog", "devices");
        assertThat(r.code()).isZero();
        // RTX 4090: nvidia-smi 24564 MiB = 23.99 GiB (github:thamada/nvidia-smi@b09ef139), 1008 GB/s, 330.3 FP16 TFLOP/s.
        assertThat(r.out()).containsPattern("NVIDIA GeForce RTX 4090\\s+NVIDIA\\s+23\\.99\\s+1008\\s+330");
        // M3 Max 40-core: 48/64/128 GB configurations at 400 GB/s; L4 as its driver reports it (23034 MiB).
        assertThat(r.out()).containsPattern("Apple M3 Max \\(40-core GPU\\)\\s+Apple\\s+48/64/128\\s+400")
                .containsPattern("NVIDIA L4\\s+NVIDIA\\s+22\\.49\\s+300");
        assertThat(CommandRun.of("catalog", "devices", "--vendor", "amd").out()).contains("AMD Instinct MI300X")
                .doesNotContain("NVIDIA T4");
    }

    @Test
    void aNameShowsWhatItResolvesToAndWhatWasAssumed() throws Exception {
        CommandRun r = CommandRun.of("catalog", "devices", "2x A100 80GB");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("2 x NVIDIA A100 80GB PCIe: 80 GiB, 1935 GB/s, 312 FP16 TFLOP/s")
                .contains("assumed variant: NVIDIA A100 80GB PCIe");
        JsonNode m = Json.MAPPER.readTree(CommandRun.of("catalog", "devices", "M3 Max 64GB", "--json").out());
        assertThat(m.get("label").asText()).isEqualTo("Apple M3 Max 40-core GPU, 64 GB");
        assertThat(m.get("memoryBytesPerDevice").asLong()).isEqualTo(64L << 30);
        assertThat(m.get("unifiedMemory").asBoolean()).isTrue();
    }

    @Test
    void ambiguousAndUnknownNamesAreOneLineAndInvalidInput() {
        CommandRun h100 = CommandRun.of("catalog", "devices", "H100");
        assertThat(h100.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(h100.err().strip()).startsWith("headroom: device: 'H100' is ambiguous: NVIDIA H100 PCIe 80GB")
                .doesNotContain("\n");
        CommandRun typo = CommandRun.of("catalog", "devices", "rtx 4095");
        assertThat(typo.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(typo.err().strip()).isEqualTo("headroom: device: unknown 'rtx 4095'; did you mean NVIDIA GeForce RTX 4090?"
                + " (headroom catalog devices lists them)");
        assertThat(CommandRun.of("catalog", "devices", "--vendor", "matrox").err()).contains("vendor: 'matrox' has no devices");
    }
}
