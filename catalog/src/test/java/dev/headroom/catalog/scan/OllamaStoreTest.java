package dev.headroom.catalog.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.catalog.files.GgufWriter;
import dev.headroom.catalog.files.ModelFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An Ollama store made in the test: manifests under registry hosts and namespaces, GGUF blobs by digest. */
class OllamaStoreTest {
    private static final String PROJECTOR = "c".repeat(64);

    @Test
    void resolvesLibraryNamesWithDefaultTagAndNamespace(@TempDir Path models) throws Exception {
        LocalModelScannerTest.writeOllama(models, "registry.ollama.ai/library/llama3.1/8b");
        LocalModelScannerTest.writeOllama(models, "registry.ollama.ai/library/qwen3/latest");
        OllamaStore store = new OllamaStore(models);
        assertThat(store.manifest("llama3.1:8b")).isPresent();
        assertThat(store.manifest("qwen3")).as("tag defaults to latest").isPresent();
        assertThat(store.manifest("library/qwen3:latest")).isPresent();
        assertThat(store.names()).containsExactly("llama3.1:8b", "qwen3:latest");
        ModelFiles f = store.read("llama3.1:8b");
        // The blob is GgufWriter.tinyLlama(): its tensors, sized exactly from the header.
        assertThat(f.tensorBytes()).isEqualTo(GgufWriter.tinyLlama().expectedTensorBytes());
        assertThat(f.architecture().layers()).isEqualTo(2);
    }

    @Test
    void resolvesNamespacedAndHostedNames(@TempDir Path models) throws Exception {
        LocalModelScannerTest.writeOllama(models, "registry.ollama.ai/acme/coder/q4");
        LocalModelScannerTest.writeOllama(models, "hf.co/bartowski/Qwen3-8B-GGUF/Q4_K_M");
        OllamaStore store = new OllamaStore(models);
        assertThat(store.manifest("acme/coder:q4")).isPresent();
        assertThat(store.manifest("hf.co/bartowski/Qwen3-8B-GGUF:Q4_K_M")).isPresent();
        assertThat(store.names()).contains("hf.co/bartowski/Qwen3-8B-GGUF:Q4_K_M", "registry.ollama.ai/acme/coder:q4");
    }

    @Test
    void findsTheVisionProjectorOfAMultimodalModel(@TempDir Path models) throws Exception {
        Path manifest = models.resolve("manifests/registry.ollama.ai/library/gemma3/4b");
        Files.createDirectories(manifest.getParent());
        Files.writeString(manifest, "{\"schemaVersion\":2,\"layers\":[{\"mediaType\":\"application/vnd.ollama.image.model\","
                + "\"digest\":\"sha256:" + LocalModelScannerTest.DIGEST + "\"},{\"mediaType\":\"application/vnd.ollama.image.projector\","
                + "\"digest\":\"sha256:" + PROJECTOR + "\"}]}");
        Files.createDirectories(models.resolve("blobs"));
        Files.write(models.resolve("blobs/sha256-" + LocalModelScannerTest.DIGEST), GgufWriter.tinyLlama().bytes());
        Files.write(models.resolve("blobs/sha256-" + PROJECTOR), GgufWriter.tinyLlama().bytes());
        OllamaStore store = new OllamaStore(models);
        assertThat(store.projectorBlob("gemma3:4b")).contains(models.resolve("blobs/sha256-" + PROJECTOR));
        assertThat(store.modelBlob("gemma3:4b")).isEqualTo(models.resolve("blobs/sha256-" + LocalModelScannerTest.DIGEST));
    }

    @Test
    void aMissingModelNamesTheStoreAndWhatIsInstalled(@TempDir Path models) throws Exception {
        LocalModelScannerTest.writeOllama(models, "registry.ollama.ai/library/llama3.1/8b");
        assertThatThrownBy(() -> new OllamaStore(models).modelBlob("llama3.1:70b"))
                .hasMessageContaining("no model 'llama3.1:70b'").hasMessageContaining("installed: llama3.1:8b");
    }

    @Test
    void namesThatWouldLeaveTheStoreAreRefused(@TempDir Path models) {
        OllamaStore store = new OllamaStore(models);
        for (String bad : List.of("../../etc/passwd", "a/../../b:c", "x:..", "/abs:1", "a b:c", "x".repeat(300))) {
            assertThatThrownBy(() -> store.manifest(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(OllamaStore.looksLikeName("qwen3:8b")).isTrue();
        assertThat(OllamaStore.looksLikeName("./model.gguf")).isFalse();
    }

    @Test
    void theEnvironmentNamesTheStore(@TempDir Path tmp) {
        ScanEnvironment env = new ScanEnvironment(tmp, Map.of("OLLAMA_MODELS", tmp.resolve("elsewhere").toString()));
        assertThat(OllamaStore.of(env).folder()).isEqualTo(tmp.resolve("elsewhere"));
    }
}
