package dev.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The main job end to end on this machine: the real probe (OSHI), the bundled catalog, the engine. */
class MainJobTest {
    static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    @Test
    void jsonReportsThisMachineAndOneEntryPerModel() throws Exception {
        CommandRun r = run("--json");
        assertThat(r.code()).isZero();
        JsonNode root = Json.MAPPER.readTree(r.out());
        assertThat(root.at("/hardware/cpu/logicalCores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        long memTotalKib = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElseThrow();
        assertThat(root.at("/hardware/memory/totalBytes").asLong()).isEqualTo(memTotalKib * 1024);
        JsonNode models = root.get("models");
        assertThat(models.size()).isGreaterThanOrEqualTo(18);
        for (JsonNode m : models) {
            assertThat(dev.headroom.sizing.quant.Precision.parse(m.get("precision").asText())).isIn(dev.headroom.advisor.FitPolicy.LADDER);
            // needs + left = the memory available to the placement
            assertThat(m.get("neededBytes").asLong() + m.get("headroomBytes").asLong()).isEqualTo(m.get("availableBytes").asLong());
            assertThat(m.at("/memory/totalBytes").asLong())
                    .isGreaterThan(m.at("/memory/weightsBytes").asLong() + m.at("/memory/kvCacheBytes").asLong() - 1);
        }
        assertThat(models.findValuesAsText("id")).contains("llama-2-7b", "llama-3-70b", "mixtral-8x7b", "gpt-2");
    }

    @Test
    void tableShowsTheHardwareSummaryAndAModelRow() {
        CommandRun r = run();
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("CPU", "RAM", "llama-2-7b", "tok/s", "max quality", "fastest", "Calibration: ");
        assertThat(r.err()).doesNotContain("Exception");
    }

    @Test
    void aZeroContextIsAOneLineErrorWithExitCode2() {
        CommandRun r = run("--context", "0");
        assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err().strip()).startsWith("headroom: Invalid value for option '--context'").doesNotContain("\n\tat ");
    }

    @Test
    void anUnknownOptionIsAnInvalidInput() {
        CommandRun r = run("--no-such-option");
        assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("--no-such-option");
    }
}
