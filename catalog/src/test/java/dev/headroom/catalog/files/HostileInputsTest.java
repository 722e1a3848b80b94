package dev.headroom.catalog.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.catalog.CatalogException;
import dev.headroom.catalog.ModelCatalogReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's hostile inputs for the catalog module's readers, kept as tests: special files (FIFO,
 * {@code /dev/zero}, {@code /dev/urandom}, a directory) for every reader, a GGUF header of 400 strings of
 * 16 MiB, names of megabytes, and generated hostile documents (at least 300 per reader) with the score
 * printed: crashes, hangs, slowest input, peak heap.
 */
class HostileInputsTest {
    @TempDir
    Path dir;

    static boolean documented(Throwable t) {
        return t instanceof ModelFileException || t instanceof BoundedFiles.InputFileException || t instanceof CatalogException;
    }

    /** The special files a user can name by mistake or malice. */
    List<Path> specialFiles() throws IOException, InterruptedException {
        Path fifo = dir.resolve("model.fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mk.waitFor()).isZero();
        return List.of(fifo, Path.of("/dev/zero"), Path.of("/dev/urandom"), Files.createDirectories(dir.resolve("a-dir.gguf")));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    @Timeout(30)
    void everyReaderRefusesSpecialFilesAtOnceWithOneLine() throws Exception {
        List<Consumer<Path>> readers = List.of(GgufReader::read, SafetensorsReader::read, HfConfigReader::read,
                p -> BoundedFiles.readAll(p, 1 << 20, "test file"), p -> dev.headroom.catalog.UserCatalogs.load(List.of(p)));
        FuzzStats stats = new FuzzStats("special files", HostileInputsTest::documented);
        for (Path special : specialFiles()) {
            for (Consumer<Path> reader : readers) {
                long start = System.nanoTime();
                stats.accept(special.toString(), () -> reader.accept(special));
                assertThat((System.nanoTime() - start) / 1e9).as("refused at once: %s", special).isLessThan(2);
            }
        }
        assertThat(stats.parsed()).isZero();
        assertThatThrownBy(() -> GgufReader.read(dir.resolve("model.fifo"))).hasMessageEndingWith("is a FIFO (named pipe), not a regular file");
        assertThatThrownBy(() -> BoundedFiles.readAll(Path.of("/dev/zero"), 100, "profile"))
                .hasMessage("/dev/zero: is a character device, not a regular file");
        assertThatThrownBy(() -> HfConfigReader.read(dir.resolve("a-dir.gguf"))).hasMessageEndingWith("is a directory, not a file");
        System.out.println(stats.summary());
    }

    @Test
    void aFileThatGrowsPastItsBudgetIsRefusedByTheReadNotTheSize() throws IOException {
        Path f = Files.write(dir.resolve("big.yaml"), new byte[2048]);
        assertThat(BoundedFiles.readAll(f, 2048, "x")).hasSize(2048);
        assertThatThrownBy(() -> BoundedFiles.readAll(f, 2047, "requirements file"))
                .hasMessage(f + ": 2048 bytes is too large for a requirements file (limit 2047 bytes)");
        Files.write(dir.resolve("bad.txt"), new byte[] {(byte) 0xff, (byte) 0xfe});
        assertThatThrownBy(() -> BoundedFiles.readUtf8(dir.resolve("bad.txt"), 10, "x")).hasMessageEndingWith(": not UTF-8 text");
    }

    /** A GGUF header of {@code count} string values of {@code length} bytes, generated as it is read (nothing stored). */
    static ByteSource manyStrings(int count, long length) {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        GgufWriter.u32(head, GgufReader.MAGIC);
        GgufWriter.u32(head, 3);
        GgufWriter.u64(head, 0);
        GgufWriter.u64(head, count);
        byte[] prefix = head.toByteArray();
        // each pair: key "kNNNNN" (u64 6 + 6 bytes), type u32 8 (STRING), u64 length, then 'a' * length
        long pair = 8 + 6 + 4 + 8 + length;
        long size = prefix.length + pair * count;
        return new ByteSource() {
            @Override public long size() { return size; }
            @Override public String name() { return "many-strings.gguf"; }
            @Override public void close() { }
            @Override public byte[] read(long position, int len) {
                if (position + len > size) {
                    throw new ModelFileException("many-strings.gguf: truncated");
                }
                byte[] out = new byte[len];
                for (int i = 0; i < len; i++) {
                    out[i] = at(position + i);
                }
                return out;
            }

            private byte at(long p) {
                if (p < prefix.length) {
                    return prefix[(int) p];
                }
                long q = (p - prefix.length) % pair;
                long index = (p - prefix.length) / pair;
                if (q < 8) {
                    return (byte) (q == 0 ? 6 : 0);
                }
                if (q < 14) {
                    return (byte) String.format("k%05d", index).charAt((int) (q - 8));
                }
                if (q < 18) {
                    return (byte) (q == 14 ? GgufValueType.STRING.id() : 0);
                }
                if (q < 26) {
                    return (byte) (length >>> (8 * (q - 18)));
                }
                return 'a';
            }
        };
    }

    @Test
    @Timeout(60)
    void fourHundredStringsOfSixteenMebibytesAreRefusedQuickly() {
        // Issue 16: this header took 5.8 GB and 17 s; the metadata budget stops it at the fourth string (64 MiB).
        long start = System.nanoTime();
        assertThatThrownBy(() -> GgufReader.read(manyStrings(400, GgufReader.MAX_STRING_BYTES)))
                .isInstanceOf(ModelFileException.class)
                .hasMessage("many-strings.gguf: metadata holds more than 64 MiB of strings (at metadata 'k00003'): not a model header");
        System.out.printf("400 x 16 MiB GGUF strings refused in %.2f s, peak heap %.0f MiB%n",
                (System.nanoTime() - start) / 1e9, FuzzStats.peakHeapBytes() / 1048576.0);
        // A real header's strings are far inside the budget: a tokenizer-sized array of 150,000 tokens.
        List<String> vocab = new ArrayList<>();
        for (int i = 0; i < 150_000; i++) {
            vocab.add("tok" + i);
        }
        GgufFile g = GgufReader.read(ByteSource.of("vocab.gguf", GgufReaderTest.tinyLlama().strings("tokenizer.ggml.tokens", vocab).bytes()));
        assertThat(((GgufArray) g.metadata().get("tokenizer.ggml.tokens")).length()).isEqualTo(150_000);
    }

    @Test
    @Timeout(60)
    void aSafetensorsHeaderOfMoreTensorsThanAnyModelIsRefusedBeforeItsTreeIsBuilt() {
        // Fuzzing found that a 99 MB header of 1.38 M one-element tensors ran 64 s into an OutOfMemoryError
        // with a 1 GiB heap (tree + a 200 MB UTF-8 check); the count now stops it first (0.7 s, 315 MB RSS).
        int n = SafetensorsReader.MAX_TENSORS + 10;
        StringBuilder h = new StringBuilder(n * 70).append('{');
        for (int i = 0; i < n; i++) {
            h.append(i == 0 ? "" : ",").append("\"t").append(i).append("\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[")
                    .append(4L * i).append(',').append(4L * i + 4).append("]}");
        }
        byte[] json = h.append('}').toString().getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream file = new ByteArrayOutputStream(json.length + 8 + 4 * n);
        GgufWriter.u64(file, json.length);
        file.writeBytes(json);
        file.writeBytes(new byte[4 * n]);
        long start = System.nanoTime();
        assertThatThrownBy(() -> SafetensorsReader.read(ByteSource.of("many.safetensors", file.toByteArray())))
                .isInstanceOf(ModelFileException.class)
                .hasMessage("many.safetensors: header: more than 200001 entries (200000 tensors and __metadata__): not a model file");
        System.out.printf("safetensors header of %d tensors (%d MB) refused in %.2f s%n", n, json.length / 1_000_000,
                (System.nanoTime() - start) / 1e9);
    }

    @Test
    void namesLongerThanAnyRealOneAreRefused() {
        String longKey = "k".repeat((int) GgufReader.MAX_NAME_BYTES + 1);
        assertThatThrownBy(() -> GgufReader.read(ByteSource.of("key.gguf", GgufReaderTest.tinyLlama().u32(longKey, 1).bytes())))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("length 4097 exceeds the limit of 4096 bytes");
        String longTensor = "t".repeat((int) GgufReader.MAX_NAME_BYTES + 1);
        assertThatThrownBy(() -> GgufReader.read(ByteSource.of("tensor.gguf", GgufReaderTest.tinyLlama()
                .tensor(longTensor, dev.headroom.sizing.quant.GgmlType.F32, 32).bytes())))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("name length 4097 exceeds the limit of 4096 bytes");
    }

    /** Hostile catalog documents: structure bombs, huge values, wrong types, deep nesting, random mutations. */
    static List<byte[]> hostileCatalogs(long seed, int count) {
        byte[] valid = """
                schema: headroom-models/1
                models:
                  - id: acme-coder-1b
                    name: Acme Coder 1B
                    family: acme
                    domains: [llm]
                    tasks: [code-generation]
                    architecture: {layers: 16, hiddenSize: 2048, attentionHeads: 32, kvHeads: 8, intermediateSize: 8192, vocabSize: 32000, maxContext: 8192}
                    license: apache-2.0
                    runtimes: [llama.cpp]
                    sources: [card]
                """.getBytes(StandardCharsets.UTF_8);
        List<byte[]> out = new ArrayList<>();
        out.add(("a: &a [" + "x,".repeat(50) + "x]\n" + "b: &b [" + "*a,".repeat(50) + "*a]\nc: [" + "*b,".repeat(50) + "*b]\n")
                .getBytes(StandardCharsets.UTF_8)); // billion laughs
        out.add(("models: " + "[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.UTF_8));
        out.add(("{\"models\": " + "[".repeat(5000) + "]".repeat(5000) + "}").getBytes(StandardCharsets.UTF_8));
        out.add(("models:\n  - id: " + "x".repeat(2_000_000) + "\n").getBytes(StandardCharsets.UTF_8));
        out.add(("models:\n" + "  - {" + ("f" + "z".repeat(10_000)) + ": 1}\n").repeat(200).getBytes(StandardCharsets.UTF_8));
        out.add(("models:\n" + "  - {id: m, architecture: {layers: 99999999999999999999999, hiddenSize: -1}}\n").getBytes(StandardCharsets.UTF_8));
        out.add("models: !!java.lang.Runtime {}\n".getBytes(StandardCharsets.UTF_8));
        out.add("\u0000\u0001\u001b[2J".getBytes(StandardCharsets.UTF_8));
        Random r = new Random(seed);
        String text = new String(valid, StandardCharsets.UTF_8);
        String[] tokens = {"[", "]", "{", "}", ":", "- ", "&a ", "*a", "!!binary ", "\n", "  ", "'", "\"", "#", "1e999",
                "-1", "99999999999999999999", "null", "~", "\u001b[31m", "\t", "%YAML 1.1\n", "---\n", "? ", "|\n", ">\n"};
        while (out.size() < count) {
            StringBuilder b = new StringBuilder(text);
            int edits = 1 + r.nextInt(6);
            for (int e = 0; e < edits; e++) {
                int p = r.nextInt(b.length() + 1);
                switch (r.nextInt(4)) {
                    case 0 -> b.insert(p, tokens[r.nextInt(tokens.length)]);
                    case 1 -> b.delete(p, Math.min(b.length(), p + 1 + r.nextInt(20)));
                    case 2 -> b.insert(p, tokens[r.nextInt(tokens.length)].repeat(1 + r.nextInt(2000)));
                    default -> {
                        if (p < b.length()) {
                            b.setCharAt(p, (char) r.nextInt(128));
                        }
                    }
                }
            }
            out.add(b.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    @Timeout(60)
    void hostileUserCatalogsAreParsedOrRefusedWithOneLine() {
        FuzzStats stats = new FuzzStats("user catalog (YAML and JSON)", HostileInputsTest::documented);
        List<byte[]> docs = hostileCatalogs(0xca7a1L, 320);
        for (int i = 0; i < docs.size(); i++) {
            byte[] doc = docs.get(i);
            boolean yaml = i % 5 != 2;
            stats.accept("catalog #" + i, () -> ModelCatalogReader.read("fuzz-" + (yaml ? "c.yaml" : "c.json"),
                    new ByteArrayInputStream(doc), yaml));
        }
        System.out.println(stats.summary());
        assertThat(stats.total()).isGreaterThanOrEqualTo(300);
        assertThat(stats.parsed()).as("some mutations keep the catalog valid").isPositive();
    }

    @Test
    @Timeout(60)
    void hostileGgufSafetensorsAndConfigHeadersScore() {
        // Beyond ReaderFuzzTest's byte mutations: structured lies in the counts and lengths.
        FuzzStats gguf = new FuzzStats("GGUF headers", HostileInputsTest::documented);
        Random r = new Random(0x99f);
        for (int i = 0; i < 320; i++) {
            GgufWriter w = GgufReaderTest.tinyLlama();
            int kind = i % 8;
            switch (kind) {
                case 0 -> w.string("x." + i, "y".repeat(r.nextInt(1 << 16)));
                case 1 -> w.strings("tokenizer.ggml.tokens", java.util.Collections.nCopies(r.nextInt(5000), "\u001b[31m"));
                case 2 -> w.u64("general.alignment", 1L << r.nextInt(63));
                case 3 -> w.tensor("t\u001b" + i, dev.headroom.sizing.quant.GgmlType.Q4_0, 32L * (1 + r.nextInt(4)), 1L << r.nextInt(12));
                case 4 -> w.version(r.nextInt(6));
                case 5 -> w.u32("llama.block_count", r.nextInt() & 0xffffffffL);
                case 6 -> w.string("k\u0000\n" + i, "v");
                default -> w.f32("llama.rope.freq_base", r.nextBoolean() ? Float.NaN : Float.POSITIVE_INFINITY);
            }
            byte[] bytes = w.bytes();
            if (r.nextInt(4) == 0) {
                bytes = java.util.Arrays.copyOf(bytes, r.nextInt(bytes.length));
            }
            byte[] input = bytes;
            gguf.accept("gguf #" + i + " kind " + kind, () -> {
                GgufFile g = GgufReader.read(ByteSource.of("fuzz.gguf", input));
                if (GgufArchitecture.present(g)) {
                    dev.headroom.sizing.model.ParameterCounter.totalParameters(GgufArchitecture.of(g));
                }
            });
        }
        System.out.println(gguf.summary());
        assertThat(gguf.total()).isGreaterThanOrEqualTo(300);

        FuzzStats st = new FuzzStats("safetensors headers", HostileInputsTest::documented);
        String[] headers = {"{\"a\":{\"dtype\":\"F32\",\"shape\":[%d],\"data_offsets\":[0,%d]}}",
                "{\"__metadata__\":{\"k\":%d},\"b\":{\"dtype\":\"BF16\",\"shape\":[1,%d],\"data_offsets\":[0,0]}}",
                "{\"c\":{\"dtype\":\"I4\",\"shape\":[%d,%d],\"data_offsets\":[4,2]}}",
                "{\"d\":{\"dtype\":\"F8_E4M3\",\"shape\":[" + "1,".repeat(40) + "%d],\"data_offsets\":[0,%d]}}",
                "{\"e\":" + "[".repeat(200) + "%d" + "]".repeat(200) + ",\"f\":%d}"};
        for (int i = 0; i < 320; i++) {
            String h = String.format(headers[i % headers.length], r.nextLong(), r.nextInt());
            byte[] json = h.getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            long claimed = r.nextInt(3) == 0 ? r.nextLong() : json.length;
            GgufWriter.u64(file, claimed);
            file.writeBytes(json);
            byte[] input = file.toByteArray();
            st.accept("safetensors #" + i, () -> SafetensorsReader.read(ByteSource.of("fuzz.safetensors", input)));
        }
        System.out.println(st.summary());

        FuzzStats cfg = new FuzzStats("config.json", HostileInputsTest::documented);
        String[] configs = {"{\"model_type\":\"llama\",\"hidden_size\":%d,\"num_hidden_layers\":%d,\"num_attention_heads\":32,"
                + "\"intermediate_size\":1,\"vocab_size\":1,\"max_position_embeddings\":1}",
                "{\"text_config\":{\"hidden_size\":%d,\"num_hidden_layers\":%d}}",
                "{\"architectures\":[" + "\"x\",".repeat(10_000) + "\"y\"],\"hidden_size\":%d,\"n\":%d}",
                "{\"a\":" + "{\"a\":".repeat(100) + "%d" + "}".repeat(100) + ",\"b\":%d}",
                "{\"hidden_size\":%d.5e400,\"num_hidden_layers\":%d}"};
        for (int i = 0; i < 320; i++) {
            byte[] json = String.format(configs[i % configs.length], r.nextInt(), r.nextInt()).getBytes(StandardCharsets.UTF_8);
            cfg.accept("config #" + i, () -> {
                HfConfig c = HfConfigReader.parse("config.json", json);
                if (c.hasArchitecture()) {
                    dev.headroom.sizing.model.ParameterCounter.totalParameters(c.architecture());
                }
            });
        }
        System.out.println(cfg.summary());
    }
}
