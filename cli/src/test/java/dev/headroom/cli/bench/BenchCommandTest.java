package dev.headroom.cli.bench;

import dev.headroom.cli.CommandRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.advisor.Machines;
import dev.headroom.advisor.config.CalibrationStore;
import dev.headroom.cli.Main;
import dev.headroom.sizing.calibration.Calibration;
import dev.headroom.sizing.quant.GgmlType;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bench command's arguments, and the next estimate using a stored calibration. Surefire points headroom.config.dir at target/. */
class BenchCommandTest {
    static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    @Test
    void testsUseAPrivateConfigDirectory() {
        assertThat(CalibrationStore.forUser().file().startsWith(Path.of(System.getProperty("headroom.config.dir")))).isTrue();
        assertThat(System.getProperty("headroom.config.dir")).contains("target");
    }

    @Test
    void helpListsQuickAndJson() {
        CommandRun r = run("bench", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--quick").contains("--json");
    }

    @Test
    void aBadThreadCountIsAOneLineError() {
        CommandRun r = run("bench", "--threads", "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--threads").contains("was 0").doesNotContain("Exception");
    }

    @Test
    void afterACalibrationTheNextEstimateSaysMeasured() {
        String cpu = Machines.standard().probeFacts().cpu().model();
        CalibrationStore store = CalibrationStore.forUser();
        store.save(new Calibration("2026-11-22", cpu, 2, "vector-512", 34e9, 26e9, 37e9, 29e9, 60e9, Map.of(GgmlType.Q4_0, 25e9), 20e-6));
        try {
            CommandRun r = run("fit");
            assertThat(r.code()).isZero();
            assertThat(r.out()).contains("MEASURED by headroom bench, calibration of 2026-11-22");
        } finally {
            store.file().toFile().delete();
        }
        assertThat(run("fit").out()).doesNotContain("MEASURED by headroom bench");
    }
}
