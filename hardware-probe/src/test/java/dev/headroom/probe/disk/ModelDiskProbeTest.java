package dev.headroom.probe.disk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.sizing.hardware.DiskInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDiskProbeTest {
    @TempDir
    Path tmp;

    @Test
    void documentedVariablesOverrideTheDefaultModelDirectories() {
        Path home = Path.of("/home/u");
        assertThat(ModelDiskProbe.modelDirectories(Map.of(), home, tmp)).containsEntry("huggingface", home.resolve(".cache/huggingface/hub"))
                .containsEntry("ollama", home.resolve(".ollama/models")).containsEntry("working-dir", tmp);
        assertThat(ModelDiskProbe.modelDirectories(Map.of("HF_HOME", "/data/hf"), home, tmp)).containsEntry("huggingface", Path.of("/data/hf/hub"));
        assertThat(ModelDiskProbe.modelDirectories(Map.of("HF_HOME", "/data/hf", "HF_HUB_CACHE", "/fast/hub", "OLLAMA_MODELS", "/m"), home, tmp))
                .containsEntry("huggingface", Path.of("/fast/hub")).containsEntry("ollama", Path.of("/m"));
    }

    @Test
    void aDirectoryNotCreatedYetIsMeasuredAtItsNearestParent() {
        List<String> problems = new ArrayList<>();
        List<DiskInfo> disks = ModelDiskProbe.measure(Map.of("ollama", tmp.resolve("not/there/yet")), problems);
        assertThat(problems).isEmpty();
        assertThat(disks).singleElement().satisfies(d -> {
            assertThat(d.purpose()).isEqualTo("ollama");
            assertThat(d.totalBytes()).isPositive();
            assertThat(d.freeBytes()).isBetween(0L, d.totalBytes());
            // The file system of the temporary directory; its free space moves while other builds write.
            assertThat(d.totalBytes()).isEqualTo(tmp.toFile().getTotalSpace());
            assertThat(d.freeBytes()).isCloseTo(tmp.toFile().getUsableSpace(), org.assertj.core.data.Offset.offset(1L << 30));
        });
    }
}
