package dev.headroom.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.catalog.files.SyntheticGguf;
import dev.headroom.cli.Json;
import dev.headroom.sizing.quant.GgmlType;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the user's own llama.cpp {@code llama-bench} on synthetic GGUF files ({@link SyntheticGguf}) and reads its
 * {@code -o json} output: one object per test with {@code n_prompt}/{@code n_gen}, {@code avg_ts} (tokens/s),
 * {@code model_filename}, {@code model_size}, {@code type_k}, {@code n_threads}, {@code cpu_info},
 * {@code build_commit} and {@code build_number} (tools/llama-bench/llama-bench.cpp, {@code test::get_fields}).
 */
public final class LlamaBench {
    /** Largest stdout accepted from llama-bench (a run prints about 1.5 KB per test). */
    public static final long MAX_OUTPUT_BYTES = 4L * 1024 * 1024;
    /** The formats measured, each in its own synthetic file named {@code <FORMAT>.gguf}. */
    public static final List<GgmlType> FORMATS = List.of(GgmlType.F16, GgmlType.Q8_0, GgmlType.Q4_0, GgmlType.Q4_K, GgmlType.Q6_K);

    /** The engine failed (exit status, timeout, output that is not its JSON): one line, exit code 3. */
    public static final class EngineFailure extends RuntimeException {
        public EngineFailure(String message) {
            super(message);
        }
    }

    /** One llama-bench test: a prompt (n_prompt > 0) or a generation (n_gen > 0) run of one file. */
    public record Test(String modelFile, long modelBytes, int nPrompt, int nGen, double avgTokensPerSecond, String typeK,
                       int threads, String cpuInfo, String buildCommit, long buildNumber) {
        /** The engine and build, e.g. {@code llama.cpp b9749 (d32676d77)}. */
        public String engine() {
            return "llama.cpp b" + buildNumber + " (" + buildCommit + ")";
        }
    }

    private LlamaBench() {
    }

    /**
     * The llama-bench binary: {@code given} when not blank, else {@code llama-bench} on {@code pathEnv}.
     *
     * @throws IllegalArgumentException (one line) when there is no such executable
     */
    public static Path locate(String given, String pathEnv) {
        if (given != null && !given.isBlank()) {
            Path p = Path.of(given);
            if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
                throw new IllegalArgumentException("--llama-bench: " + given + " is not an executable file");
            }
            return p;
        }
        if (pathEnv != null) {
            for (String dir : pathEnv.split(File.pathSeparator)) {
                if (!dir.isBlank()) {
                    Path p = Path.of(dir, "llama-bench");
                    if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                        return p;
                    }
                }
            }
        }
        throw new IllegalArgumentException("--llama-bench: no llama-bench on PATH (build llama.cpp and pass --llama-bench PATH/TO/llama-bench)");
    }

    /** Writes one synthetic file per format of {@link #FORMATS} into {@code dir}; returns them in that order. */
    public static List<Path> writeModels(SyntheticGguf shape, Path dir) {
        List<Path> files = new ArrayList<>();
        for (GgmlType f : FORMATS) {
            Path file = dir.resolve(f.name() + ".gguf");
            shape.withFormat(f).write(file, 42);
            files.add(file);
        }
        return files;
    }

    /** The command line: every file, one prompt and one generation test each, JSON output. */
    public static List<String> command(Path binary, List<Path> models, int prompt, int gen, int threads) {
        return List.of(binary.toString(), "-m", String.join(",", models.stream().map(Path::toString).toList()),
                "-p", Integer.toString(prompt), "-n", Integer.toString(gen), "-t", Integer.toString(threads), "-o", "json");
    }

    /**
     * Runs {@code command}, killing it (and its children) after {@code timeout}.
     *
     * @return its standard output
     * @throws EngineFailure on a timeout, a non-zero exit or too much output
     */
    public static String execute(List<String> command, Duration timeout, Path workDir) {
        Path out = workDir.resolve("llama-bench.json");
        Path err = workDir.resolve("llama-bench.err");
        Process p;
        try {
            p = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new EngineFailure("llama-bench: cannot start " + command.get(0) + ": " + e.getMessage());
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                throw new EngineFailure("llama-bench: no result within " + timeout.toSeconds() + " s (killed; raise --llama-timeout)");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new EngineFailure("llama-bench: interrupted");
        }
        try {
            if (p.exitValue() != 0) {
                throw new EngineFailure("llama-bench: exit status " + p.exitValue() + ": " + lastLine(err));
            }
            if (Files.size(out) > MAX_OUTPUT_BYTES) {
                throw new EngineFailure("llama-bench: output over " + MAX_OUTPUT_BYTES + " bytes");
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("llama-bench: cannot read its output: " + e.getMessage(), e);
        }
    }

    private static String lastLine(Path err) throws IOException {
        byte[] b;
        try (InputStream in = Files.newInputStream(err)) {
            long size = Files.size(err);
            in.skip(Math.max(0, size - 4096));
            b = in.readAllBytes();
        }
        List<String> lines = new String(b, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "(no message)" : lines.get(lines.size() - 1).strip();
    }

    /**
     * The tests of llama-bench's {@code -o json} output.
     *
     * @throws EngineFailure when the text is not that output (names the first missing or mistyped field)
     */
    public static List<Test> parse(String json) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new EngineFailure("llama-bench: output is not JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (root == null || !root.isArray() || root.isEmpty()) {
            throw new EngineFailure("llama-bench: expected a JSON array of tests (-o json), got " + (root == null ? "nothing" : root.getNodeType()));
        }
        List<Test> tests = new ArrayList<>();
        for (JsonNode t : root) {
            int nPrompt = (int) number(t, "n_prompt");
            int nGen = (int) number(t, "n_gen");
            double ts = number(t, "avg_ts");
            if (!(ts > 0) || Double.isInfinite(ts) || nPrompt < 0 || nGen < 0 || nPrompt + nGen == 0) {
                throw new EngineFailure("llama-bench: test with n_prompt " + nPrompt + ", n_gen " + nGen + ", avg_ts " + ts + " is not a measurement");
            }
            tests.add(new Test(text(t, "model_filename"), (long) number(t, "model_size"), nPrompt, nGen, ts, text(t, "type_k"),
                    (int) number(t, "n_threads"), text(t, "cpu_info"), text(t, "build_commit"), (long) number(t, "build_number")));
        }
        return tests;
    }

    /** The format a test measured, from its file name ({@code Q4_0.gguf}), or null for a file headroom did not write. */
    public static GgmlType formatOf(Test t) {
        String name = Path.of(t.modelFile()).getFileName().toString();
        for (GgmlType f : FORMATS) {
            if (name.equals(f.name() + ".gguf")) {
                return f;
            }
        }
        return null;
    }

    /**
     * The matrix-vector rate a decode test shows, FLOP/s: two FLOP per weight of every matrix one token reads
     * (all but the embedding table) over the token's time less the per-layer cost the speed model adds back
     * ({@code ClassConstants.CPU.layerOverheadSeconds()} per block), so that the calibrated prediction of the same file
     * is the measured speed rather than that minus the overhead counted twice (18% on the 8-block SMALL shape at 220
     * tokens/s). The remaining time is never taken below half the token's time.
     */
    public static double decodeFlopsPerSecond(SyntheticGguf shape, double tokensPerSecond) {
        long weights = 0;
        for (SyntheticGguf.Tensor t : shape.tensors()) {
            if (t.dims().length == 2 && !t.name().equals("token_embd.weight")) {
                weights += t.dims()[0] * t.dims()[1];
            }
        }
        double token = 1 / tokensPerSecond;
        double matrices = Math.max(token / 2, token - shape.blocks() * dev.headroom.sizing.speed.ClassConstants.CPU.layerOverheadSeconds());
        return 2.0 * weights / matrices;
    }

    private static double number(JsonNode t, String field) {
        JsonNode v = t.path(field);
        if (!v.isNumber()) {
            throw new EngineFailure("llama-bench: " + field + ": expected a number, was " + v);
        }
        return v.asDouble();
    }

    private static String text(JsonNode t, String field) {
        JsonNode v = t.path(field);
        if (!v.isTextual()) {
            throw new EngineFailure("llama-bench: " + field + ": expected a string, was " + v);
        }
        String s = v.asText();
        return s.length() > 200 ? s.substring(0, 200) : s;
    }
}
