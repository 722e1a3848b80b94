package dev.headroom.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.advisor.Machines;
import dev.headroom.advisor.config.CalibrationStore;
import dev.headroom.cli.CommandRun;
import dev.headroom.sizing.calibration.Calibration;
import dev.headroom.sizing.quant.GgmlType;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench --llama-bench} against a fake {@code llama-bench} that prints output captured from the real binary
 * (llama.cpp b9749, d32676d77, on this project's AMD EPYC 2-core build machine; see
 * src/test/resources/llamabench/README.md for the commands).
 */
class LlamaBenchTest {
    @TempDir
    Path dir;

    @AfterEach
    void forgetCalibration() throws Exception {
        Files.deleteIfExists(CalibrationStore.forUser().file());
    }

    private static String fixture(String name) throws Exception {
        try (InputStream in = LlamaBenchTest.class.getResourceAsStream("/llamabench/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Path script(String body) throws Exception {
        Path s = dir.resolve("llama-bench");
        Files.writeString(s, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwxr-xr-x"));
        return s;
    }

    private Path printing(String fixtureName) throws Exception {
        Path json = dir.resolve(fixtureName);
        Files.writeString(json, fixture(fixtureName));
        return script("cat '" + json + "'");
    }

    @Test
    void parsesTheCapturedOutput() throws Exception {
        List<LlamaBench.Test> tests = LlamaBench.parse(fixture("llama-bench-b9749.json"));
        assertThat(tests).hasSize(6);
        LlamaBench.Test tg = tests.get(5);
        assertThat(LlamaBench.formatOf(tg)).isEqualTo(GgmlType.Q4_0);
        assertThat(tg.nGen()).isEqualTo(16);
        assertThat(tg.nPrompt()).isZero();
        assertThat(tg.avgTokensPerSecond()).isEqualTo(676.186722);
        assertThat(tg.threads()).isEqualTo(2);
        assertThat(tg.typeK()).isEqualTo("f16");
        assertThat(tg.cpuInfo()).isEqualTo("AMD EPYC");
        assertThat(tg.engine()).isEqualTo("llama.cpp b9749 (d32676d77)");
        // model_size as llama.cpp counted it equals the bytes headroom's writer put in the file
        assertThat(tg.modelBytes()).isEqualTo(LlamaBenchRun.Shape.SMALL.gguf.withFormat(GgmlType.Q4_0).tensorBytes());
        assertThat(tests.get(0).modelBytes()).isEqualTo(LlamaBenchRun.Shape.SMALL.gguf.withFormat(GgmlType.F16).tensorBytes());
    }

    @Test
    void theCommandParsesComparesAndStoresTheRatesWithTheEngine() throws Exception {
        String cpu = Machines.standard().probeFacts().cpu().model();
        CalibrationStore store = CalibrationStore.forUser();
        store.save(new Calibration("2026-11-22", cpu, 2, "vector-512", 34e9, 26e9, 37e9, 29e9, 60e9,
                Map.of(GgmlType.Q4_0, 25e9, GgmlType.Q4_K, 20e9), 20e-6));
        CommandRun r = CommandRun.of("bench", "--llama-bench", printing("llama-bench-b9749-tiny.json").toString(),
                "--llama-shape", "tiny", "--threads", "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("llama.cpp b9749 (d32676d77) on AMD EPYC, 2 threads")
                .contains("tg16").contains("pp64").contains("Saved [F16, Q4_0, Q8_0] decode rates");
        Calibration c = store.load();
        assertThat(c.engine()).isEqualTo("llama.cpp b9749 (d32676d77)");
        // Q4_0 tg16 avg_ts of the fixture, times two FLOP per weight of the non-embedding matrices
        double expected = LlamaBench.decodeFlopsPerSecond(LlamaBenchRun.Shape.TINY.gguf, 26532.766809);
        assertThat(c.decodeFlopsByFormat().get(GgmlType.Q4_0)).isCloseTo(expected, within(1.0));
        assertThat(c.decodeFlopsByFormat().get(GgmlType.Q4_K)).isEqualTo(20e9); // formats llama-bench did not measure stay
        assertThat(c.readBytesPerSecond()).isEqualTo(34e9);
        assertThat(c.note()).contains("decode rates by llama.cpp b9749");
    }

    @Test
    void decodeFlopsCountEveryMatrixButTheEmbedding() {
        // tiny: per block q,o 256x256; k,v 256x128; gate, up, down 256x512; plus output 256x64
        long weights = 2L * (2 * 256 * 256 + 2 * 256 * 128 + 3 * 256 * 512) + 256 * 64;
        // 10 tokens/s: 0.1 s per token, less the engine's 100 us per block of the 2 blocks, is the matrices' time.
        assertThat(LlamaBench.decodeFlopsPerSecond(LlamaBenchRun.Shape.TINY.gguf, 10)).isCloseTo(2.0 * weights / (0.1 - 2 * 100e-6),
                within(1e-3));
        // The overhead never takes more than half the token's time.
        assertThat(LlamaBench.decodeFlopsPerSecond(LlamaBenchRun.Shape.TINY.gguf, 1e5)).isCloseTo(2.0 * weights * 2e5, within(1.0));
    }

    @Test
    void outputOfAnotherShapeIsRefused() throws Exception {
        CommandRun r = CommandRun.of("bench", "--llama-bench", printing("llama-bench-b9749.json").toString(), "--llama-shape", "tiny", "--no-save");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("headroom wrote").doesNotContain("Exception");
    }

    @Test
    void withoutAStoredCalibrationNothingIsSaved() throws Exception {
        CommandRun r = CommandRun.of("bench", "--llama-bench", printing("llama-bench-b9749-tiny.json").toString(), "--llama-shape", "tiny");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Not saved: no calibration of this machine yet");
        assertThat(CalibrationStore.forUser().load()).isNull();
    }

    @Test
    void aMissingBinaryIsOneLineWithExitTwo() {
        CommandRun r = CommandRun.of("bench", "--llama-bench", dir.resolve("nope/llama-bench").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("is not an executable file");
        assertThatThrownBy(() -> LlamaBench.locate("", dir.toString())).hasMessageContaining("no llama-bench on PATH");
    }

    @Test
    void theBinaryIsFoundOnPath() throws Exception {
        Path s = script("true");
        assertThat(LlamaBench.locate(null, "/nonexistent:" + dir)).isEqualTo(s);
    }

    @Test
    void badJsonIsOneLineWithExitThree() throws Exception {
        CommandRun r = CommandRun.of("bench", "--llama-bench", script("echo 'llama_model_load: done'").toString(), "--llama-shape", "tiny");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("headroom: llama-bench: output is not JSON").doesNotContain("Exception");
        assertThatThrownBy(() -> LlamaBench.parse("[{\"n_prompt\": 64}]")).hasMessageContaining("n_gen: expected a number");
        assertThatThrownBy(() -> LlamaBench.parse("{}")).hasMessageContaining("expected a JSON array");
    }

    @Test
    void aFailingEngineReportsItsLastErrorLine() throws Exception {
        CommandRun r = CommandRun.of("bench", "--llama-bench",
                script("echo 'llama_model_load: error loading model' >&2; exit 1").toString(), "--llama-shape", "tiny");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("exit status 1: llama_model_load: error loading model");
    }

    @Test
    void aHangingEngineIsKilledAtTheTimeout() throws Exception {
        long start = System.nanoTime();
        CommandRun r = CommandRun.of("bench", "--llama-bench", script("sleep 60").toString(), "--llama-shape", "tiny", "--llama-timeout", "1");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("no result within 1 s (killed");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(30);
    }

    @Test
    void oldCalibrationFilesWithoutAnEngineStillRead() throws Exception {
        var node = CalibrationStore.toJson(new Calibration("2026-11-22", "cpu", 2, "scalar", 34e9, 26e9, 37e9, 29e9, 60e9, Map.of(), 20e-6));
        node.remove("engine");
        assertThat(CalibrationStore.parse(node).engine()).isEmpty();
    }
}
