package dev.headroom.probe.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.probe.Fixtures;
import dev.headroom.sizing.hardware.Confidence;
import dev.headroom.sizing.hardware.GpuInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** nvidia-smi CSV from several driver generations; provenance in fixtures/README.md. */
class NvidiaSmiParsingTest {
    @Test
    void driver570OutputWithAHeaderGivesComputeCapabilityPerGpu() {
        List<String> fields = List.of("compute_cap", "compute_mode", "driver_version", "name", "index");
        NvidiaSmiCsvParser.Result r = NvidiaSmiCsvParser.parse(fields, Fixtures.text("nvidia-smi/driver-570-two-gpus-with-header.csv"));
        assertThat(r.problems()).isEmpty();
        assertThat(r.rows()).hasSize(2);
        assertThat(r.rows().get(0)).containsEntry("name", "NVIDIA TITAN V").containsEntry("compute_cap", "7.0");
        assertThat(r.rows().get(1)).containsEntry("name", "NVIDIA RTX 5880 Ada Generation").containsEntry("compute_cap", "8.9")
                .containsEntry("index", "1");
    }

    @Test
    void gb10MemoryNotAvailableBecomesAUnifiedMemoryGpuNotAZeroByteOne() {
        GpuReadings r = NvidiaSmiGpuSource.toGpus(List.of("index", "name", "memory.total", "memory.free"),
                Fixtures.text("nvidia-smi/driver-580-gb10-unified-na.csv"), List.of());
        assertThat(r.gpus()).hasSize(1);
        GpuInfo g = r.gpus().get(0);
        assertThat(g.name()).isEqualTo("NVIDIA GB10");
        assertThat(g.unifiedMemory()).isTrue();
        assertThat(g.memoryFreeBytes()).isEqualTo(GpuInfo.UNKNOWN);
        assertThat(g.confidence()).isEqualTo(Confidence.LOW);
        assertThat(g.note()).contains("[N/A]");
    }

    @Test
    void aDiscreteGpuWithoutAMemoryFigureIsNotMistakenForUnifiedMemory() {
        GpuReadings r = NvidiaSmiGpuSource.toGpus(List.of("index", "name", "memory.total", "memory.free"),
                "0, NVIDIA A100-SXM4-80GB, [Unknown Error], [Unknown Error]\n1, NVIDIA A100-SXM4-80GB, 81920, 81050\n", List.of());
        assertThat(r.gpus()).extracting(GpuInfo::index).containsExactly(1);
        assertThat(r.problems()).containsExactly("nvidia-smi: GPU 0 (NVIDIA A100-SXM4-80GB) reported no memory size; not counted");
    }

    @Test
    void unitsLeftInByPlainCsvFormatAreStrippedAndMibBecomeBytes() {
        GpuReadings r = NvidiaSmiGpuSource.toGpus(List.of("name", "memory.total", "memory.free"),
                Fixtures.text("nvidia-smi/eight-rtx3090-csv-with-units.csv"), List.of());
        assertThat(r.gpus()).hasSize(8);
        // 24576 MiB is the RTX 3090's 24 GiB; 11279 MiB free on the first card.
        assertThat(r.gpus().get(0).memoryTotalBytes()).isEqualTo(24576L * 1024 * 1024);
        assertThat(r.gpus().get(0).memoryFreeBytes()).isEqualTo(11279L * 1024 * 1024);
        assertThat(r.gpus()).extracting(GpuInfo::index).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void notAvailableAndPercentUnitsInOtherFieldsAreAbsentValuesNotErrors() {
        List<String> fields = List.of("timestamp", "utilization.gpu", "memory.used", "temperature.gpu");
        NvidiaSmiCsvParser.Result r = NvidiaSmiCsvParser.parse(fields, Fixtures.text("nvidia-smi/dgx-spark-memory-used-na.csv"));
        assertThat(r.problems()).isEmpty();
        assertThat(r.rows()).hasSize(3);
        assertThat(r.rows().get(1)).doesNotContainKey("memory.used").containsEntry("utilization.gpu", "2")
                .containsEntry("temperature.gpu", "38");
    }

    @Test
    void anOldDriverRejectingComputeCapIsAProblemLineNotAGpu() {
        NvidiaSmiCsvParser.Result r = NvidiaSmiCsvParser.parse(NvidiaSmiGpuSource.FIELDS,
                Fixtures.text("nvidia-smi/driver-470-compute-cap-rejected.txt"));
        assertThat(r.rows()).isEmpty();
        assertThat(r.problems()).containsExactly("Field \"compute_cap\" is not a valid field to query.");
    }

    @Test
    void garbageLinesAreReportedWithTheirLineNumberAndSkipped() {
        NvidiaSmiCsvParser.Result r = NvidiaSmiCsvParser.parse(List.of("index", "name", "memory.total"),
                "0, NVIDIA GeForce RTX 4090, 24564\nSegmentation fault\n1, NVIDIA GeForce RTX 4090, 24564\n");
        assertThat(r.rows()).hasSize(2);
        assertThat(r.problems()).singleElement().asString().startsWith("line 2: expected 3 values, got 1");
    }

    @Test
    void notSupportedAndUnknownErrorMarkersMeanNoValue() {
        assertThat(NvidiaSmiCsvParser.clean(" [Not Supported]")).isNull();
        assertThat(NvidiaSmiCsvParser.clean("[Unknown Error]")).isNull();
        assertThat(NvidiaSmiCsvParser.clean("N/A")).isNull();
        assertThat(NvidiaSmiCsvParser.clean(" 24564 MiB")).isEqualTo("24564");
        assertThat(NvidiaSmiCsvParser.clean(" NVIDIA GeForce RTX 4090")).isEqualTo("NVIDIA GeForce RTX 4090");
    }

    @Test
    void pciDeviceIdIsSplitIntoVendorAndDevice() {
        // nvidia-smi prints pci.device_id as device << 16 | vendor: 0x268410DE is an RTX 4090 (10de:2684).
        assertThat(NvidiaSmiCsvParser.pciId("0x268410DE")).isEqualTo("10de:2684");
        assertThat(NvidiaSmiCsvParser.pciId("garbage")).isEmpty();
    }
}
