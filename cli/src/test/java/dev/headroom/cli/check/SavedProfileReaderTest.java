package dev.headroom.cli.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.advisor.profile.ProfileJson;
import dev.headroom.advisor.check.InvalidInputException;
import dev.headroom.advisor.profile.SavedProfileReader;
import dev.headroom.sizing.hardware.CpuInfo;
import dev.headroom.sizing.hardware.GpuInfo;
import dev.headroom.sizing.hardware.HardwareProfile;
import dev.headroom.sizing.hardware.MemoryInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedProfileReaderTest {
    @Test
    void readsTheProfileCapturedOnTheBuildMachine() {
        HardwareProfile vm = CheckFixtures.vm();
        assertThat(vm.hostName()).isEqualTo("vm");
        assertThat(vm.cpu().logicalCores()).isEqualTo(2);
        assertThat(vm.cpu().has("avx512f")).isTrue();
        assertThat(vm.memory().totalBytes()).isEqualTo(25276510208L);
        assertThat(vm.memory().hasLimit()).isFalse();
        assertThat(vm.gpus()).isEmpty();
        assertThat(vm.warnings()).singleElement().asString().contains("no NVIDIA driver");
    }

    @Test
    void ignoresFieldsItDoesNotKnowSoNewerProfilesStillLoad() {
        HardwareProfile box = CheckFixtures.rtx4090();
        // 24564 MiB, as nvidia-smi reports an RTX 4090 (fixtures/profiles/README.md).
        // Unknown fields (driverVersion) are skipped; known ones (computeCapability) are kept: nothing is lost.
        assertThat(box.gpus()).containsExactly(new GpuInfo(0, "NVIDIA", "NVIDIA GeForce RTX 4090", 24564L << 20, 24076L << 20, false,
                "nvidia-smi", "8.9", 0, 0, "", null, ""));
        assertThat(box.cpu().logicalCores()).isEqualTo(32);
    }

    @Test
    void whatJsonHardwareWritesReadsBackEqual() {
        HardwareProfile original = new HardwareProfile("node-7", "Linux", new CpuInfo("GenuineIntel", "Xeon", 8, 16, 4.5, List.of("avx2")),
                new MemoryInfo(64L << 30, 60L << 30, 16L << 30, 3L << 30),
                List.of(new GpuInfo(0, "NVIDIA", "NVIDIA L4", 24L << 30, GpuInfo.UNKNOWN, false, "jcuda"),
                        new GpuInfo(1, "Apple", "M2", 16L << 30, 12L << 30, true, "sysctl")),
                List.of("a warning"));
        assertThat(SavedProfileReader.parse("mem", ProfileJson.hardware(original))).isEqualTo(original);
    }

    @Test
    void acceptsTheHardwareObjectOfTheMainJobsJson() {
        HardwareProfile vm = CheckFixtures.vm();
        ObjectNode mainJob = ProfileJson.object();
        mainJob.set("hardware", ProfileJson.hardware(vm));
        mainJob.putArray("models");
        assertThat(SavedProfileReader.parse("fit.json", mainJob)).isEqualTo(vm);
    }

    @Test
    void everyMissingOrWrongFieldIsNamedAtOnce() {
        ObjectNode n = ProfileJson.hardware(CheckFixtures.rtx4090());
        ((ObjectNode) n.get("memory")).remove("totalBytes");
        ((ObjectNode) n.get("cpu")).put("logicalCores", "lots");
        ((ObjectNode) n.get("gpus").get(0)).put("memoryTotalBytes", -5);
        assertThatThrownBy(() -> SavedProfileReader.parse("box.json", n))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).problems()).containsExactly(
                        "box.json: cpu.logicalCores: expected a whole number within 1..1048576, was \"lots\"",
                        "box.json: memory.totalBytes: missing",
                        "box.json: gpus[0].memoryTotalBytes: expected a whole number within 0..9223372036854775807, was -5"));
    }

    @Test
    void filesThatAreMissingOrNotJsonAreOneLineErrors(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> SavedProfileReader.read(dir.resolve("gone.json")))
                .hasMessageContaining("gone.json: no such file (save one with: headroom probe --json > gone.json)");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\n  \"cpu\": {\n    \"logicalCores\": 2,,\n");
        assertThatThrownBy(() -> SavedProfileReader.read(broken)).hasMessageStartingWith(broken + ":3: not JSON:");
        Path list = Files.writeString(dir.resolve("list.json"), "[1, 2]");
        assertThatThrownBy(() -> SavedProfileReader.read(list)).hasMessageContaining("expected a JSON object saved by 'headroom probe --json'");
    }
}
