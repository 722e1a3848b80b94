package dev.headroom.cli.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.advisor.Advisor;
import dev.headroom.advisor.Machine;
import dev.headroom.advisor.Machines;
import dev.headroom.advisor.WorkloadAdvice;
import dev.headroom.catalog.CatalogWorkload;
import dev.headroom.catalog.ModelCatalog;
import dev.headroom.cli.CommandRun;
import dev.headroom.cli.ExitCodes;
import dev.headroom.cli.Json;
import dev.headroom.sizing.workload.WorkloadRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code headroom check} on models that are not decoder LLMs (issue 13): real requirements files through the real
 * command, memory and throughput in each domain's unit, the same figures the advisor gives every other surface.
 */
class DomainCheckTest {
    private static final String DOMAINS = CheckFixtures.REQUIREMENTS.resolve("domains.yaml").toString();
    private static final String GPU_BOX = CheckFixtures.RTX4090.toString();
    private static final String VM = CheckFixtures.VM.toString();

    private static JsonNode json(String file, String profile) throws Exception {
        CommandRun r = CommandRun.of("check", file, "--hardware", profile, "--no-calibration", "--json");
        assertThat(r.err()).isEmpty();
        return Json.MAPPER.readTree(r.out());
    }

    private static JsonNode requirement(JsonNode root, String name) {
        for (JsonNode n : root.get("requirements")) {
            if (n.get("name").asText().equals(name)) {
                return n;
            }
        }
        throw new AssertionError("no requirement " + name + " in " + root);
    }

    @Test
    void everyDomainIsMetOnTheGpuWorkstationWithFiguresInItsOwnUnit() {
        CommandRun r = CommandRun.of("check", DOMAINS, "--hardware", GPU_BOX, "--no-calibration");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("7 of 7 requirements met.")
                .containsPattern("photo-tagging +met +resnet-50 FP16 +GPU .* images/s at 224 px \\(min 200 images/s\\)")
                .containsPattern("transcripts +met +whisper-large-v3 FP16 +GPU .* RTF 0\\.[0-9]{3}, .* audio-h/h \\(max RTF 0\\.2\\)")
                .containsPattern("embeddings +met +all-minilm-l6-v2 FP32 +CPU .* inputs/s \\(.* tokens/s at 128 tokens\\) \\(min 100 inputs/s\\)")
                .containsPattern("avatars +met +stable-diffusion-1\\.5 FP16 +GPU .* s/image, .* it/s \\(30 steps, 512 px\\)")
                .containsPattern("churn +met +xgboost FP32 +CPU .* rows/s \\(min 10000 rows/s\\)")
                .containsPattern("intent-classifier +met +bert-base-uncased FP16 +GPU .* inputs/s")
                .containsPattern("demand-forecast +met +chronos-t5-small FP32 +CPU .* series/s");
    }

    @Test
    void theJsonCarriesTheAdvisorsFiguresAndAKvCacheOnlyForModelsWithADecoder() throws Exception {
        JsonNode root = json(DOMAINS, GPU_BOX);
        Machine machine = Machines.standard().fromProfile(CheckFixtures.RTX4090, false);
        Advisor advisor = new Advisor(ModelCatalog.bundled());
        // The same call every other surface makes (fit --domain, size, /metrics): check computes nothing itself.
        WorkloadAdvice resnet = advisor.adviseWorkload(machine, ModelCatalog.bundled().get("resnet-50"),
                WorkloadRequest.cpu(8).withResolution(224), CatalogWorkload.DEFAULT_TRAINING_ROWS);
        JsonNode photo = requirement(root, "photo-tagging");
        assertThat(photo.get("precision").asText()).isEqualTo(resnet.precision()).isEqualTo("FP16");
        assertThat(photo.at("/memory/totalBytes").asLong()).isEqualTo(resnet.neededBytes());
        assertThat(photo.at("/throughput/imagesPerSecond").asDouble())
                .isCloseTo(resnet.estimate().throughput().itemsPerSecond(), within(1e-9));
        assertThat(photo.at("/throughput/unit").asText()).isEqualTo("images/s");
        assertThat(photo.at("/workload/batch").asInt()).isEqualTo(8);
        assertThat(photo.has("quant")).isFalse();
        assertThat(photo.get("memory").has("kvCacheBytes")).isFalse();
        assertThat(photo.at("/memory/components").has("kvCacheBytes")).isFalse();
        assertThat(photo.at("/memory/components/activationsBytes").asLong()).isPositive();

        for (String name : List.of("embeddings", "avatars", "churn", "intent-classifier")) {
            JsonNode n = requirement(root, name);
            assertThat(n.get("memory").has("kvCacheBytes")).as(name).isFalse();
            assertThat(n.at("/memory/components").has("kvCacheBytes")).as(name).isFalse();
            assertThat(n.get("decodeTokensPerSecond").isNull()).as(name).isTrue();
        }
        // Whisper's decoder keeps a KV cache for its 448 text tokens: the one line it has that ResNet does not.
        JsonNode whisper = requirement(root, "transcripts");
        assertThat(whisper.at("/memory/kvCacheBytes").asLong()).isPositive();
        double rtf = whisper.at("/throughput/realTimeFactor").asDouble();
        assertThat(rtf).isPositive().isLessThan(0.2);
        assertThat(whisper.at("/thresholds/maxRealTimeFactor").asDouble()).isEqualTo(0.2);
        assertThat(requirement(root, "churn").at("/throughput/unit").asText()).isEqualTo("rows/s");
        assertThat(requirement(root, "avatars").at("/throughput/unit").asText()).isEqualTo("s/image");
    }

    @Test
    void onACpuOnlyVmTheThresholdsFailWithTheirNumbersAndTheMissingGpuIsNamed() throws Exception {
        CommandRun r = CommandRun.of("check", DOMAINS, "--hardware", VM, "--no-calibration");
        assertThat(r.code()).isEqualTo(ExitCodes.NOT_MET);
        assertThat(r.out()).containsPattern("NOT MET  photo-tagging: [0-9.]+ images/s is below the minimum 200 images/s")
                .contains("NOT MET  transcripts: device gpu:0 is not on vm: it has no GPU")
                .containsPattern("NOT MET  avatars: 0\\.[0-9]+ images/s is below the minimum 0\\.5 images/s")
                .containsPattern("churn +met +xgboost FP32 +CPU");
        JsonNode photo = requirement(json(DOMAINS, VM), "photo-tagging");
        assertThat(photo.get("placement").asText()).isEqualTo("CPU");
        assertThat(photo.get("precision").asText()).isEqualTo("FP32");
        assertThat(photo.at("/throughput/imagesPerSecond").asDouble()).isPositive().isLessThan(200);
    }

    @Test
    void whisperOnTheCpuMissesATightRealTimeFactor(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("capacity.yaml"), """
                requirements:
                  - name: live-captions
                    model: whisper-large-v3
                    device: cpu
                    audioSeconds: 30
                    maxRealTimeFactor: 0.05
                  - name: batch-captions
                    model: whisper-tiny
                    device: cpu
                    maxRealTimeFactor: 1
                """);
        CommandRun r = CommandRun.of("check", file.toString(), "--hardware", VM, "--no-calibration");
        assertThat(r.code()).isEqualTo(ExitCodes.NOT_MET);
        assertThat(r.out()).containsPattern("NOT MET  live-captions: real-time factor [0-9.]+ is above the maximum 0\\.05")
                .containsPattern("batch-captions +met +whisper-tiny FP32 +CPU")
                .contains("1 of 2 requirements met.");
    }

    @Test
    void llmKeysOnADomainModelAndDomainKeysOnAnLlmAreOneLineErrorsNamingTheKey(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("capacity.yaml"), """
                requirements:
                  - name: photos
                    model: resnet-50
                    quant: Q4_K_M
                    minDecodeTokensPerSecond: 10
                  - name: search
                    model: all-minilm-l6-v2
                    concurrency: 4
                    maxRealTimeFactor: 0.5
                  - name: chat
                    model: llama-3-8b
                    batch: 8
                    minImagesPerSecond: 3
                  - name: captions
                    model: whisper-small
                    resolution: 224
                """);
        CommandRun r = CommandRun.of("check", file.toString(), "--hardware", VM);
        assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.out()).isEmpty();
        String f = file.toString();
        assertThat(r.err().lines().toList()).containsExactly(
                "headroom: " + f + ":4: requirements[0] (photos).quant: applies to LLMs only; resnet-50 is a vision model"
                        + " (throughput in images/s): use batch, resolution and minImagesPerSecond or minInputsPerSecond",
                "headroom: " + f + ":5: requirements[0] (photos).minDecodeTokensPerSecond: applies to LLMs only; resnet-50 is a vision model"
                        + " (throughput in images/s): use batch, resolution and minImagesPerSecond or minInputsPerSecond",
                "headroom: " + f + ":8: requirements[1] (search).concurrency: applies to LLMs only; all-minilm-l6-v2 is an embeddings model"
                        + " (throughput in inputs/s): use batch, tokens and minInputsPerSecond",
                "headroom: " + f + ":9: requirements[1] (search).maxRealTimeFactor: does not apply: all-minilm-l6-v2 is an embeddings model"
                        + " (throughput in inputs/s); use minInputsPerSecond",
                "headroom: " + f + ":12: requirements[2] (chat).batch: applies to models of other domains; llama-3-8b is an LLM"
                        + " (use context, concurrency, minDecodeTokensPerSecond, minPrefillTokensPerSecond)",
                "headroom: " + f + ":13: requirements[2] (chat).minImagesPerSecond: applies to models of other domains; llama-3-8b is an LLM"
                        + " (use context, concurrency, minDecodeTokensPerSecond, minPrefillTokensPerSecond)",
                "headroom: " + f + ":16: requirements[3] (captions).resolution: does not apply: whisper-small is an audio model"
                        + " (throughput in audio-h/h); resolution applies to image models");
    }

    @Test
    void badValuesOfTheNewKeysNameTheirLine(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("capacity.yaml"), """
                requirements:
                  - name: photos
                    model: resnet-50
                    batch: 0
                    minImagesPerSecond: fast
                """);
        CommandRun r = CommandRun.of("check", file.toString(), "--hardware", VM);
        assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err().lines().toList()).containsExactly(
                "headroom: " + file + ":4: requirements[0] (photos).batch: must be within 1..1000000, was 0",
                "headroom: " + file + ":5: requirements[0] (photos).minImagesPerSecond: 'fast' is not a number of images per second");
    }

    @Test
    void markdownAndJunitShowTheDomainFigures(@TempDir Path dir) throws Exception {
        Path xml = dir.resolve("check.xml");
        Path md = dir.resolve("check.md");
        CommandRun r = CommandRun.of("check", DOMAINS, "--hardware", VM, "--no-calibration", "--junit", xml.toString(),
                "--markdown", md.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.NOT_MET);
        String junit = Files.readString(xml);
        ReportsTest.validateJunit(junit);
        assertThat(junit).contains("<testcase name=\"photo-tagging\"").containsPattern("images/s is below the minimum 200 images/s")
                .containsPattern("model resnet-50 FP32, batch 8, device any")
                .containsPattern("runs on CPU: needs [0-9.]+ MiB \\(weights [0-9.]+ MiB, activations [0-9.]+ MiB, runtimeOverhead 100.00 MiB\\)");
        String markdown = Files.readString(md);
        List<String> rows = new ArrayList<>(markdown.lines().filter(l -> l.startsWith("| photo-tagging") || l.startsWith("| requirement")).toList());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).endsWith("| throughput |");
        assertThat(rows.get(1)).contains("resnet-50 FP32").contains("images/s at 224 px (min 200 images/s)");
    }

    @Test
    void theDomainExampleInTheDocsIsAValidFileWithOneEntryPerDomain(@TempDir Path dir) throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "ci.md"));
        int section = doc.indexOf("### Models of other domains");
        int start = doc.indexOf("```yaml\n", section);
        Path file = Files.writeString(dir.resolve("capacity.yaml"), doc.substring(doc.indexOf('\n', start) + 1, doc.indexOf("```", start + 7)));
        CommandRun r = CommandRun.of("check", file.toString(), "--hardware", GPU_BOX, "--no-calibration", "--json");
        assertThat(r.err()).isEmpty();
        JsonNode root = Json.MAPPER.readTree(r.out());
        List<String> units = new ArrayList<>();
        root.get("requirements").forEach(n -> units.add(n.at("/throughput/unit").asText()));
        assertThat(units).containsExactly("images/s", "images/s", "audio-h/h", "inputs/s", "s/image", "audio-s/s", "series/s", "rows/s");
    }

    @Test
    void anLlmOnlyFileKeepsItsReportsUnchanged() {
        CommandRun r = CommandRun.of("check", CheckFixtures.REQUIREMENTS.resolve("fits.yaml").toString(), "--hardware", VM);
        assertThat(r.out()).doesNotContain("throughput").containsPattern("tiny-completions +met +gpt-2 Q8_0");
    }
}
