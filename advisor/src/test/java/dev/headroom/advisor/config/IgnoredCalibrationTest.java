package dev.headroom.advisor.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.advisor.Machine;
import dev.headroom.advisor.Machines;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stored calibration that cannot be used is ignored, and every machine's notes say so (never silently). */
class IgnoredCalibrationTest {
    @Test
    void anUnreadableCalibrationIsNamedInTheNotes(@TempDir Path dir) throws Exception {
        String before = System.getProperty("headroom.config.dir");
        System.setProperty("headroom.config.dir", dir.toString());
        try {
            Files.writeString(dir.resolve("calibration.json"), "{ \"schema\": \"headroom-calibration/1\", \"calibration\": 7 }");
            // A cached bandwidth keeps the test from measuring.
            Files.writeString(dir.resolve("quick-bandwidth.json"), "{\"schema\":\"headroom-quick-bandwidth/1\",\"cpuModel\":\"x\","
                    + "\"threads\":1,\"bytesPerSecond\":3.0E10,\"measuredAt\":\"t\"}");
            Machine m = Machines.standard().probed(true);
            assertThat(m.calibration()).isNull();
            assertThat(m.notes()).anySatisfy(n -> assertThat(n).startsWith("stored calibration ignored: ").contains("calibration.json"));
            // Asked not to use a calibration, there is nothing to say.
            assertThat(Machines.standard().probed(false).notes()).noneMatch(n -> n.startsWith("stored calibration ignored"));
        } finally {
            if (before == null) {
                System.clearProperty("headroom.config.dir");
            } else {
                System.setProperty("headroom.config.dir", before);
            }
        }
    }
}
