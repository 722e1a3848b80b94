package dev.headroom.probe.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile nvidia-smi output and /proc contents (process names and command lines are chosen by whoever starts
 * a process): 400 generated inputs each, fixed seed. Every one parses without an exception, within the caps.
 */
class ModelServerInputFuzzTest {
    private static final String[] PIECES = {",", ", ", "\n", "\r\n", "\0", "\u001b[2J", "[N/A]", "[Insufficient Permissions]",
            "00000000:01:00.0", "-1", "99999999999999999999", "1e309", "NaN", " MiB", "llama-server", "python", "-m", "vllm",
            "VLLM::", "ollama", "\uFFFD", "é", "/", "\"", "'"};

    private static String hostile(Random r, int maxPieces) {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(maxPieces);
        for (int i = 0; i < n; i++) {
            if (r.nextInt(4) == 0) {
                b.append((char) r.nextInt(0x3000));
            } else {
                b.append(PIECES[r.nextInt(PIECES.length)]);
            }
        }
        return b.toString();
    }

    @Test
    void computeAppsOutputNeverThrowsAndStaysWithinTheCap() {
        Random r = new Random(16_10);
        Map<String, Integer> gpus = Map.of(ComputeAppsParser.busId("00000000:01:00.0"), 0);
        for (int i = 0; i < 400; i++) {
            String csv = hostile(r, 2_000);
            List<GpuProcess> p = ComputeAppsParser.parse(csv, gpus);
            assertThat(p.size()).isLessThanOrEqualTo(ComputeAppsParser.MAX_ROWS);
            assertThat(p).allMatch(x -> x.processName().length() <= ComputeAppsParser.MAX_NAME_CHARS
                    && x.processName().chars().noneMatch(Character::isISOControl));
        }
    }

    @Test
    void commandLinesAndStatusFilesNeverThrow(@TempDir Path proc) throws Exception {
        Random r = new Random(16_10);
        for (int pid = 1; pid <= 400; pid++) {
            Path dir = Files.createDirectories(proc.resolve(Integer.toString(pid)));
            Files.write(dir.resolve("cmdline"), hostile(r, 400).getBytes(StandardCharsets.UTF_8));
            Files.writeString(dir.resolve("status"), "RssAnon:\t" + hostile(r, 4) + " kB\nVmRSS:\t" + r.nextLong() + " kB\n");
            ModelRuntime.recognise(new ArrayList<>(Arrays.asList(hostile(r, 40).split("\0"))));
        }
        ModelServers s = ModelServerSampler.scan(proc, List.of());
        assertThat(s.servers().size()).isLessThanOrEqualTo(ModelServerSampler.MAX_SERVERS);
        assertThat(s.servers()).allMatch(x -> x.residentBytes() >= 0
                && x.commandLine().length() <= ModelServerSampler.MAX_COMMAND_LINE_CHARS
                && x.commandLine().chars().noneMatch(Character::isISOControl));
    }
}
