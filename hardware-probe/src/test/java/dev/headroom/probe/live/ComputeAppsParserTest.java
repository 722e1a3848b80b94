package dev.headroom.probe.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.probe.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --query-compute-apps} rows from captured nvidia-smi output (sources in fixtures/README.md). */
class ComputeAppsParserTest {
    @Test
    void capturedH200RowsGiveEachProcessItsMemoryOnItsGpu() {
        // The capture's bus id 00000000:83:00.0 is GPU 0 here; 2566 MiB, 1542 MiB, 28234 MiB as captured.
        List<GpuProcess> p = ComputeAppsParser.parse(Fixtures.text("nvidia-smi/compute-apps-h200-memhog-gpu-burn.csv"),
                Map.of(ComputeAppsParser.busId("00000000:83:00.0"), 0));
        assertThat(p).extracting(GpuProcess::pid).containsExactly(10291L, 10293L, 10309L);
        assertThat(p).extracting(GpuProcess::processName).containsExactly("/root/tools/memhog", "/root/tools/memhog", "./gpu_burn");
        assertThat(p).extracting(GpuProcess::usedBytes).containsExactly(2566L << 20, 1542L << 20, 28234L << 20);
        assertThat(p).allMatch(x -> x.gpuIndex() == 0);
    }

    @Test
    void wddmReportsNoMemoryButTheProcessesStillCount() {
        List<GpuProcess> p = ComputeAppsParser.parse(Fixtures.text("nvidia-smi/compute-apps-windows-wddm-na.csv"),
                Map.of(ComputeAppsParser.busId("0000:0c:00.0"), 1));
        assertThat(p).hasSize(2);
        assertThat(p.get(0).processName()).isEqualTo("C:\\Windows\\System32\\dwm.exe");
        assertThat(p.get(0).usedBytes()).isEqualTo(GpuProcess.UNKNOWN);
        assertThat(p.get(0).knownUsedBytes()).isZero();
        assertThat(p.get(1).gpuIndex()).isEqualTo(1);
    }

    @Test
    void unreadableRowsAreSkippedOneByOneAndANameMayHoldCommas() {
        List<GpuProcess> p = ComputeAppsParser.parse(
                Fixtures.text("nvidia-smi/compute-apps-mig-container-insufficient-permissions.csv"),
                Map.of(ComputeAppsParser.busId("00000000:83:00.0"), 0));
        assertThat(p).extracting(GpuProcess::pid).containsExactly(41L, 43L);
        assertThat(p.get(1).processName()).isEqualTo("/root/tools/mem, hog");
        assertThat(p.get(1).usedBytes()).isEqualTo(818L << 20);
    }

    @Test
    void aProcessOnAGpuNotInTheGpuQueryIsDroppedAndControlCharactersAreRemoved() {
        String csv = "00000000:01:00.0, 7, \u001b[31mevil\nname, 10\n00000000:02:00.0, 8, other, 10\n";
        List<GpuProcess> p = ComputeAppsParser.parse(csv, Map.of(ComputeAppsParser.busId("00000000:01:00.0"), 0));
        // The newline splits the first row in two halves: neither is a whole row, so neither counts.
        assertThat(p).isEmpty();
        List<GpuProcess> q = ComputeAppsParser.parse("00000000:01:00.0, 7, \u001b[31mevil, 10\n",
                Map.of(ComputeAppsParser.busId("00000000:01:00.0"), 0));
        assertThat(q.get(0).processName()).isEqualTo("[31mevil");
    }

    @Test
    void aFloodOfRowsIsCapped() {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= 5000; i++) {
            b.append("00000000:01:00.0, ").append(i).append(", p, 1\n");
        }
        assertThat(ComputeAppsParser.parse(b.toString(), Map.of(ComputeAppsParser.busId("00000000:01:00.0"), 0)))
                .hasSize(ComputeAppsParser.MAX_ROWS);
    }

    @Test
    void busIdsMatchWhateverTheDomainWidth() {
        assertThat(ComputeAppsParser.busId("00000000:83:00.0")).isEqualTo(ComputeAppsParser.busId(" 0000:83:00.0 "));
        assertThat(ComputeAppsParser.busId("00000000:83:00.0")).isNotEqualTo(ComputeAppsParser.busId("00000000:84:00.0"));
    }
}
