package dev.headroom.catalog.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.catalog.files.GgufWriter;
import dev.headroom.catalog.files.SafetensorsDtype;
import dev.headroom.catalog.files.SafetensorsWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scans a fake home directory whose caches are laid out as each tool lays them out, with generated model files. */
class LocalModelScannerTest {
    static final String DIGEST = "a".repeat(64);

    @Test
    void findsHuggingFaceSnapshotsThroughTheirBlobLinks(@TempDir Path home) throws Exception {
        Path repo = home.resolve(".cache/huggingface/hub/models--acme--tiny-llama");
        Path blobs = Files.createDirectories(repo.resolve("blobs"));
        Path snap = Files.createDirectories(repo.resolve("snapshots/0123abcd"));
        SafetensorsWriter w = new SafetensorsWriter().tensor("model.embed_tokens.weight", SafetensorsDtype.BF16, 100, 64);
        Files.write(blobs.resolve("b1"), w.bytes());
        Files.writeString(blobs.resolve("b2"), "{\"model_type\":\"llama\",\"num_hidden_layers\":1,\"hidden_size\":64,"
                + "\"num_attention_heads\":4,\"intermediate_size\":128,\"vocab_size\":100}");
        Files.createSymbolicLink(snap.resolve("model.safetensors"), Path.of("../../blobs/b1"));
        Files.createSymbolicLink(snap.resolve("config.json"), Path.of("../../blobs/b2"));

        List<FoundModel> found = new LocalModelScanner(new ScanEnvironment(home, Map.of())).scan(List.of(), true);

        assertThat(found).hasSize(1);
        FoundModel m = found.get(0);
        assertThat(m.source()).isEqualTo("huggingface");
        assertThat(m.name()).isEqualTo("acme/tiny-llama");
        assertThat(m.files().tensorBytes()).isEqualTo(100 * 64 * 2);
        assertThat(m.files().architecture().layers()).isEqualTo(1);
    }

    @Test
    void honoursHfHomeAndOllamaModelsVariables(@TempDir Path tmp) throws Exception {
        Path hf = tmp.resolve("hf");
        Path ollama = tmp.resolve("ollama");
        writeOllama(ollama, "registry.ollama.ai/library/tiny/q4");
        ScanEnvironment env = new ScanEnvironment(tmp.resolve("home"), Map.of("HF_HOME", hf.toString(), "OLLAMA_MODELS", ollama.toString()));
        assertThat(env.huggingFaceHub()).isEqualTo(hf.resolve("hub"));

        List<FoundModel> found = new LocalModelScanner(env).scan(List.of(), true);

        assertThat(found).singleElement().satisfies(m -> {
            assertThat(m.source()).isEqualTo("ollama");
            assertThat(m.name()).isEqualTo("tiny:q4");
            assertThat(m.files().tensorBytes()).isEqualTo(GgufWriter.tinyLlama().expectedTensorBytes());
            assertThat(m.files().name()).isEqualTo("tiny llama");
        });
    }

    @Test
    void namesOllamaModelsOutsideTheLibraryByTheirNamespace(@TempDir Path home) throws Exception {
        writeOllama(home.resolve(".ollama/models"), "hf.co/acme/coder/latest");
        assertThat(new LocalModelScanner(new ScanEnvironment(home, Map.of())).scan(List.of(), true))
                .extracting(FoundModel::name).containsExactly("hf.co/acme/coder:latest");
    }

    @Test
    void findsLmStudioFilesAndGivenFoldersAndKeepsBrokenOnesWithTheirError(@TempDir Path home) throws Exception {
        Path lm = Files.createDirectories(home.resolve(".lmstudio/models/acme/tiny-GGUF"));
        Files.write(lm.resolve("tiny-Q4_K_M.gguf"), GgufWriter.tinyLlama().bytes());
        Path folder = Files.createDirectories(home.resolve("models"));
        Files.write(folder.resolve("broken.gguf"), new byte[] {'G', 'G', 'U', 'F', 9, 0, 0, 0});

        List<FoundModel> found = new LocalModelScanner(new ScanEnvironment(home, Map.of())).scan(List.of(folder), true);

        assertThat(found).hasSize(2);
        assertThat(found.get(0).source()).isEqualTo("lmstudio");
        assertThat(found.get(0).files().format()).isEqualTo("gguf");
        assertThat(found.get(1).readable()).isFalse();
        assertThat(found.get(1).error()).contains("GGUF version 9 is not supported");
    }

    @Test
    void aMissingFolderIsInvalidInput(@TempDir Path home) {
        assertThatThrownBy(() -> new LocalModelScanner(new ScanEnvironment(home, Map.of())).scan(List.of(home.resolve("nope")), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
    }

    @Test
    void anEmptyHomeHasNoModels(@TempDir Path home) {
        assertThat(new LocalModelScanner(new ScanEnvironment(home, Map.of())).scan(List.of(), true)).isEmpty();
    }

    static void writeOllama(Path models, String manifestPath) throws Exception {
        Path manifest = models.resolve("manifests").resolve(manifestPath);
        Files.createDirectories(manifest.getParent());
        Files.writeString(manifest, "{\"schemaVersion\":2,\"layers\":[{\"mediaType\":\"application/vnd.ollama.image.model\","
                + "\"digest\":\"sha256:" + DIGEST + "\",\"size\":1},{\"mediaType\":\"application/vnd.ollama.image.template\","
                + "\"digest\":\"sha256:" + "b".repeat(64) + "\",\"size\":1}]}");
        Files.createDirectories(models.resolve("blobs"));
        Files.write(models.resolve("blobs/sha256-" + DIGEST), GgufWriter.tinyLlama().bytes());
    }
}
