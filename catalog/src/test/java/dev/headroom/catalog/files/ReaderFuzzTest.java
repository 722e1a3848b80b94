package dev.headroom.catalog.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Property: for any mutation of a valid file, each reader either returns a result or throws
 * {@link ModelFileException} (its one documented exception), never anything else, and never runs out of
 * memory or hangs. Mutations: byte flips, byte overwrites with 0x00/0xFF/random, 8-byte huge lengths at random
 * positions, truncation, and splices. Fixed seeds make failures reproducible; the timeout bounds a hang.
 */
class ReaderFuzzTest {
    private static final int CASES = 3000;

    @Test
    @Timeout(120)
    void ggufReaderOnlyEverThrowsItsDocumentedException() {
        byte[] valid = GgufReaderTest.tinyLlama().bytes();
        int ok = fuzz(valid, 0x6761L, bytes -> {
            GgufFile g = GgufReader.read(ByteSource.of("fuzz.gguf", bytes));
            if (GgufArchitecture.present(g)) {
                dev.headroom.sizing.model.ParameterCounter.totalParameters(GgufArchitecture.of(g));
            }
        });
        assertThat(ok).as("unmutated-equivalent cases parse").isPositive();
    }

    @Test
    @Timeout(120)
    void safetensorsReaderOnlyEverThrowsItsDocumentedException() {
        byte[] valid = new SafetensorsWriter().metadata(Map.of("format", "pt"))
                .tensor("a.weight", SafetensorsDtype.BF16, 16, 8)
                .tensor("b.qweight", SafetensorsDtype.I32, 2, 8)
                .tensor("c.weight", SafetensorsDtype.F8_E4M3, 4, 4).bytes();
        int ok = fuzz(valid, 0x5afeL, bytes -> SafetensorsReader.read(ByteSource.of("fuzz.safetensors", bytes)));
        assertThat(ok).isPositive();
    }

    @Test
    @Timeout(120)
    void configReaderOnlyEverThrowsItsDocumentedException() {
        byte[] valid = ("{\"architectures\":[\"LlamaForCausalLM\"],\"model_type\":\"llama\",\"hidden_size\":4096,"
                + "\"intermediate_size\":14336,\"num_attention_heads\":32,\"num_hidden_layers\":32,\"num_key_value_heads\":8,"
                + "\"vocab_size\":128256,\"max_position_embeddings\":8192,\"quantization_config\":{\"bits\":4,\"quant_method\":\"gptq\"}}")
                .getBytes(StandardCharsets.UTF_8);
        int ok = fuzz(valid, 0xc0f1L, bytes -> {
            HfConfig c = HfConfigReader.parse("config.json", bytes);
            if (c.hasArchitecture()) {
                dev.headroom.sizing.model.ParameterCounter.totalParameters(c.architecture());
            }
        });
        assertThat(ok).isPositive();
    }

    /** Runs CASES mutations; returns how many parsed without error. Any exception but ModelFileException fails the test. */
    private static int fuzz(byte[] valid, long seed, Consumer<byte[]> reader) {
        Random r = new Random(seed);
        int ok = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] m = mutate(valid, r);
            try {
                reader.accept(m);
                ok++;
            } catch (ModelFileException expected) {
                assertThat(expected.getMessage()).as("case %d: one-line message", i).doesNotContain("\n").isNotBlank();
            } catch (RuntimeException | Error e) {
                throw new AssertionError("seed " + seed + " case " + i + ": " + e, e);
            }
        }
        return ok;
    }

    private static byte[] mutate(byte[] valid, Random r) {
        byte[] m = valid.clone();
        int kind = r.nextInt(6);
        int edits = 1 + r.nextInt(4);
        switch (kind) {
            case 0 -> {
                for (int e = 0; e < edits; e++) {
                    int p = r.nextInt(m.length);
                    m[p] ^= (byte) (1 << r.nextInt(8));
                }
            }
            case 1 -> {
                for (int e = 0; e < edits; e++) {
                    m[r.nextInt(m.length)] = (byte) (r.nextBoolean() ? 0xff : r.nextInt(256));
                }
            }
            case 2 -> {
                int p = r.nextInt(Math.max(1, m.length - 8));
                long huge = r.nextBoolean() ? -1L : 1L << (20 + r.nextInt(43));
                for (int b = 0; b < 8 && p + b < m.length; b++) {
                    m[p + b] = (byte) (huge >>> (8 * b));
                }
            }
            case 3 -> m = java.util.Arrays.copyOf(m, r.nextInt(m.length));
            case 4 -> {
                int from = r.nextInt(m.length);
                int to = r.nextInt(m.length);
                int len = r.nextInt(Math.min(32, m.length - Math.max(from, to)) + 1);
                System.arraycopy(valid, from, m, to, len);
            }
            default -> {
                // unchanged file, except perhaps an appended tail (readers must ignore trailing bytes)
                if (r.nextBoolean()) {
                    m = java.util.Arrays.copyOf(m, m.length + r.nextInt(64));
                }
            }
        }
        return m;
    }
}
