package dev.headroom.advisor.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.advisor.Advice;
import dev.headroom.advisor.Advisor;
import dev.headroom.advisor.FitPolicy;
import dev.headroom.advisor.TestMachines;
import dev.headroom.catalog.ModelCatalog;
import dev.headroom.catalog.scan.ScanEnvironment;
import dev.headroom.sizing.hardware.HardwareProfile;
import dev.headroom.sizing.memory.MemoryBreakdown;
import dev.headroom.sizing.memory.MemoryComponent;
import dev.headroom.sizing.memory.MemoryModel;
import dev.headroom.sizing.memory.MemoryRequest;
import dev.headroom.sizing.memory.WeightSizer;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.provenance.Origin;
import dev.headroom.sizing.quant.Precision;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.headroom.sizing.hardware.CpuInfo;
import dev.headroom.sizing.hardware.MemoryInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelResolverTest {
    @TempDir
    Path home;

    private ModelResolver resolver(Map<String, String> env) {
        return new ModelResolver(ModelCatalog.bundled(), new ScanEnvironment(home, env));
    }

    private ModelResolver resolver() {
        return resolver(Map.of());
    }

    @Test
    void aGgufPathIsSizedByTheFilesExactBytesEverywhereTheEngineLooks() throws Exception {
        Files.write(home.resolve("tiny.gguf"), TinyGguf.bytes());
        NamedModel m = resolver().resolve("./tiny.gguf", home);
        assertThat(m.kind()).isEqualTo(NamedModel.Kind.FILE);
        assertThat(m.id()).isEqualTo("tiny.gguf");
        assertThat(m.filePrecision()).isEqualTo(Precision.Q4_K_M);
        ModelArchitecture a = m.architecture();
        assertThat(WeightSizer.weightBytes(a, Precision.Q4_K_M)).isEqualTo(TinyGguf.TOTAL);
        assertThat(WeightSizer.layerBytes(a, Precision.Q4_K_M, 0)).isEqualTo(TinyGguf.BLOCK0);
        assertThat(WeightSizer.layerBytes(a, Precision.Q4_K_M, 1)).isEqualTo(TinyGguf.BLOCK1);
        assertThat(WeightSizer.outsideBytes(a, Precision.Q4_K_M)).isEqualTo(TinyGguf.OUTSIDE);
        assertThat(WeightSizer.tokenEmbeddingBytes(a, Precision.Q4_K_M)).isEqualTo(TinyGguf.TOKEN_EMBEDDING);
        assertThat(WeightSizer.bytesReadPerToken(a, Precision.Q4_K_M)).isEqualTo(TinyGguf.PER_TOKEN);
        // The same shape without the file: llama.cpp's Q4_K_M rules (ffn_down Q6_K in both blocks) give other bytes.
        assertThat(WeightSizer.weightBytes(a.withFileWeights(null), Precision.Q4_K_M)).isNotEqualTo(TinyGguf.TOTAL);
        // Another precision is the engine's estimate (a what-if), never the file's bytes.
        assertThat(WeightSizer.weightBytes(a, Precision.Q8_0)).isEqualTo(WeightSizer.weightBytes(a.withFileWeights(null), Precision.Q8_0));

        MemoryBreakdown memory = MemoryModel.estimate(MemoryRequest.of(a, Precision.Q4_K_M, 4096));
        MemoryComponent weights = memory.components().stream().filter(c -> c.name().equals(MemoryComponent.WEIGHTS)).findFirst().orElseThrow();
        assertThat(weights.bytes()).isEqualTo(TinyGguf.TOTAL);
        assertThat(weights.origin()).isEqualTo(Origin.FILE);
        assertThat(weights.note()).contains("exact tensor bytes").contains("tiny.gguf");
    }

    @Test
    void aQuantThatContradictsTheFileNamesBoth() throws Exception {
        Files.write(home.resolve("tiny.gguf"), TinyGguf.bytes());
        NamedModel m = resolver().resolve(home.resolve("tiny.gguf").toString());
        assertThat(m.precision(null, Precision.BF16)).isEqualTo(Precision.Q4_K_M);
        assertThat(m.precision(Precision.Q4_K_M, null)).isEqualTo(Precision.Q4_K_M);
        assertThatThrownBy(() -> m.precision(Precision.Q8_0, null))
                .isInstanceOf(QuantMismatchException.class)
                .hasMessageStartingWith("quant: Q8_0 contradicts ")
                .hasMessageContaining("whose weights are Q4_K_M");
    }

    @Test
    void theFileTypeDecidesThePrecision() throws Exception {
        Files.write(home.resolve("q8.gguf"), TinyGguf.bytes(7)); // LLAMA_FTYPE_MOSTLY_Q8_0 = 7
        assertThat(resolver().resolve("q8.gguf", home).filePrecision()).isEqualTo(Precision.Q8_0);
    }

    @Test
    void anOllamaModelIsReadFromItsManifestAndBlob() throws Exception {
        Path models = home.resolve(".ollama/models");
        Path blob = LocalStores.ollama(models, "registry.ollama.ai/library/tinyllm/q4", TinyGguf.bytes());
        for (String name : new String[] {"tinyllm:q4", "ollama:tinyllm:q4", "library/tinyllm:q4", "registry.ollama.ai/library/tinyllm:q4"}) {
            NamedModel m = resolver().resolve(name);
            assertThat(m.kind()).as(name).isEqualTo(NamedModel.Kind.OLLAMA);
            assertThat(m.source()).isEqualTo(blob.toAbsolutePath().normalize().toString());
            assertThat(WeightSizer.weightBytes(m.architecture(), m.filePrecision())).isEqualTo(TinyGguf.TOTAL);
        }
        assertThatThrownBy(() -> resolver().resolve("tinyllm:q5"))
                .hasMessageStartingWith("model: unknown 'tinyllm:q5'")
                .hasMessageContaining("tinyllm:q4");
        assertThatThrownBy(() -> resolver().resolve("ollama:tinyllm:q5")).hasMessageContaining("there: tinyllm:q4");
    }

    @Test
    void ollamaModelsStoreHonoursOllamaModels() throws Exception {
        Path elsewhere = home.resolve("elsewhere");
        LocalStores.ollama(elsewhere, "hf.co/org/tiny-GGUF/Q4_K_M", TinyGguf.bytes());
        NamedModel m = resolver(Map.of("OLLAMA_MODELS", elsewhere.toString())).resolve("hf.co/org/tiny-GGUF:Q4_K_M");
        assertThat(m.kind()).isEqualTo(NamedModel.Kind.OLLAMA);
        assertThat(m.id()).isEqualTo("hf.co/org/tiny-GGUF:Q4_K_M");
    }

    @Test
    void aHuggingFaceRepoIdIsFoundInTheCacheWhereverHfHomeOrHfHubCachePutIt() throws Exception {
        Path hfHome = home.resolve("hf");
        LocalStores.huggingFace(hfHome.resolve("hub"), "someorg", "Tiny-GGUF", "tiny-Q4_K_M.gguf", TinyGguf.bytes());
        ModelResolver r = resolver(Map.of("HF_HOME", hfHome.toString()));
        for (String name : new String[] {"someorg/Tiny-GGUF", "hf:someorg/Tiny-GGUF", "someorg/Tiny-GGUF:Q4_K_M",
                "someorg/Tiny-GGUF/tiny-Q4_K_M.gguf"}) {
            NamedModel m = r.resolve(name);
            assertThat(m.kind()).as(name).isEqualTo(NamedModel.Kind.HUGGING_FACE_CACHE);
            assertThat(m.files().tensorBytes()).isEqualTo(TinyGguf.TOTAL);
        }
        ModelResolver hub = resolver(Map.of("HF_HUB_CACHE", hfHome.resolve("hub").toString()));
        assertThat(hub.resolve("someorg/Tiny-GGUF").kind()).isEqualTo(NamedModel.Kind.HUGGING_FACE_CACHE);
        assertThatThrownBy(() -> resolver().resolve("hf:someorg/Tiny-GGUF")).hasMessageContaining("is not in the Hugging Face cache");
    }

    @Test
    void aNameInBothLocalStoresIsAmbiguousAndANameNowhereSuggests() throws Exception {
        LocalStores.huggingFace(home.resolve(".cache/huggingface/hub"), "someorg", "tiny", "tiny.gguf", TinyGguf.bytes());
        LocalStores.ollama(home.resolve(".ollama/models"), "registry.ollama.ai/someorg/tiny/latest", TinyGguf.bytes());
        assertThatThrownBy(() -> resolver().resolve("someorg/tiny"))
                .hasMessageContaining("both in the Hugging Face cache").hasMessageContaining("hf:someorg/tiny").hasMessageContaining("ollama:someorg/tiny");
        assertThat(resolver().resolve("hf:someorg/tiny").kind()).isEqualTo(NamedModel.Kind.HUGGING_FACE_CACHE);
        assertThat(resolver().resolve("ollama:someorg/tiny").kind()).isEqualTo(NamedModel.Kind.OLLAMA);
        assertThatThrownBy(() -> resolver().resolve("llama-3-8x"))
                .hasMessageStartingWith("model: unknown 'llama-3-8x'")
                .hasMessageContaining("did you mean llama-3-8b")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void catalogIdsAndAliasesComeFirst() {
        NamedModel m = resolver().resolve("meta-llama/Meta-Llama-3-8B");
        assertThat(m.kind()).isEqualTo(NamedModel.Kind.CATALOG);
        assertThat(m.id()).isEqualTo("llama-3-8b");
        assertThat(m.filePrecision()).isNull();
        assertThat(m.precision(Precision.Q8_0, Precision.Q4_K_M)).isEqualTo(Precision.Q8_0);
        assertThatThrownBy(() -> resolver().resolve("./gone.gguf", home)).hasMessageContaining("neither a catalog id nor an existing file");
        assertThatThrownBy(() -> resolver().resolve("model.onnx", home)).hasMessageContaining("neither a catalog id");
    }

    @Test
    void theFitPolicyTriesALocalFileAtItsOwnPrecisionOnly() throws Exception {
        Files.write(home.resolve("tiny.gguf"), TinyGguf.bytes());
        NamedModel m = resolver().resolve("tiny.gguf", home);
        HardwareProfile hw = new HardwareProfile("h", "linux", new CpuInfo("AuthenticAMD", "AMD EPYC", 2, 2, 2, List.of("avx2")),
                new MemoryInfo(8L << 30, 8L << 30, MemoryInfo.NO_LIMIT, 0), List.of(), List.of());
        Advice a = new Advisor(ModelCatalog.bundled()).advise(TestMachines.of(hw), m, 4096, FitPolicy.DEFAULT);
        assertThat(a.fits()).isTrue();
        assertThat(a.pick().request().precision()).isEqualTo(Precision.Q4_K_M);
        MemoryComponent w = a.pick().memory().components().stream().filter(c -> c.name().equals(MemoryComponent.WEIGHTS)).findFirst().orElseThrow();
        assertThat(w.bytes()).isEqualTo(TinyGguf.TOTAL);
    }
}
