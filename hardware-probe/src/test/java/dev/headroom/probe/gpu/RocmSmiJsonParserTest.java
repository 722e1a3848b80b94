package dev.headroom.probe.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.probe.Fixtures;
import dev.headroom.sizing.hardware.GpuInfo;
import org.junit.jupiter.api.Test;

/** rocm-smi --json captures; provenance in fixtures/README.md. */
class RocmSmiJsonParserTest {
    @Test
    void anRx7900XtReportsItsSeriesPciIdTotalAndFreeVram() {
        GpuReadings r = RocmSmiJsonParser.parse(Fixtures.text("rocm-smi/rx7900xt-showproductname-showuse-meminfo.json"));
        assertThat(r.problems()).isEmpty();
        GpuInfo g = r.gpus().get(0);
        assertThat(g.name()).isEqualTo("Radeon RX 7900 XT");
        assertThat(g.pciId()).isEqualTo("1002:744c");
        assertThat(g.memoryTotalBytes()).isEqualTo(21_458_059_264L);
        assertThat(g.memoryFreeBytes()).isEqualTo(21_458_059_264L - 27_856_896L);
        assertThat(g.source()).isEqualTo("rocm-smi");
    }

    @Test
    void withoutAProductNameTheGpuIsStillCountedWithItsVram() {
        GpuReadings r = RocmSmiJsonParser.parse(Fixtures.text("rocm-smi/rx7900xtx-showuse-meminfo-temp-power.json"));
        assertThat(r.gpus()).singleElement().satisfies(g -> {
            assertThat(g.memoryTotalBytes()).isEqualTo(25_769_803_776L);
            assertThat(g.memoryFreeBytes()).isEqualTo(25_769_803_776L - 25_677_897_728L);
            assertThat(g.vendor()).isEqualTo("AMD");
        });
    }

    @Test
    void cardsWithoutVramTotalsAreProblemsNotZeroByteGpus() {
        GpuReadings r = RocmSmiJsonParser.parse(Fixtures.text("rocm-smi/two-rx6800-showmemuse.json"));
        assertThat(r.gpus()).isEmpty();
        assertThat(r.problems()).containsExactly("rocm-smi card0: no VRAM Total Memory (B)", "rocm-smi card1: no VRAM Total Memory (B)");
    }

    @Test
    void warningsBeforeTheJsonAreSkippedAndMalformedJsonIsReported() {
        assertThat(RocmSmiJsonParser.parse("WARNING: AMD GPU device(s) is/are in a low-power state.\n"
                + "{\"card0\": {\"VRAM Total Memory (B)\": \"17163091968\"}}").gpus()).hasSize(1);
        assertThat(RocmSmiJsonParser.parse("{\"card0\": ").problems()).singleElement().asString()
                .startsWith("rocm-smi printed malformed JSON");
        assertThat(RocmSmiJsonParser.parse("ERROR: No AMD GPUs specified").problems()).singleElement().asString()
                .isEqualTo("rocm-smi printed no JSON: ERROR: No AMD GPUs specified");
    }
}
