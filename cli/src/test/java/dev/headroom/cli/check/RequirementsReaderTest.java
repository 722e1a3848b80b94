package dev.headroom.cli.check;

import dev.headroom.advisor.check.Requirement;
import dev.headroom.advisor.check.DeviceSelection;
import dev.headroom.advisor.check.HeadroomThreshold;
import dev.headroom.advisor.check.InvalidInputException;
import static dev.headroom.cli.check.CheckFixtures.one;
import static dev.headroom.cli.check.CheckFixtures.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.sizing.memory.RuntimeProfile;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.quant.GgmlType;
import dev.headroom.sizing.quant.Precision;
import dev.headroom.sizing.units.ByteUnits;
import dev.headroom.catalog.CatalogModel;
import dev.headroom.catalog.ModelCatalog;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequirementsReaderTest {
    @Test
    void theExampleAtTheRepositoryRootReadsWithEveryField() {
        RequirementsFile file = new RequirementsReader(CatalogModelResolver.bundled()).read(CheckFixtures.EXAMPLE);
        assertThat(file.requirements()).extracting(Requirement::name).containsExactly("chat-assistant", "offline-summaries");
        Requirement chat = file.requirements().get(0);
        assertThat(chat.model().id()).isEqualTo("llama-3-8b");
        assertThat(chat.quant()).isEqualTo(Precision.Q4_K_M);
        assertThat(chat.contextTokens()).isEqualTo(8192);
        assertThat(chat.concurrency()).isEqualTo(4);
        assertThat(chat.runtime()).isEqualTo(RuntimeProfile.LLAMA_CPP);
        assertThat(chat.device()).isEqualTo(new DeviceSelection.Any());
        assertThat(chat.minDecodeTokensPerSecond()).isEqualTo(10);
        assertThat(chat.minPrefillTokensPerSecond()).isEqualTo(200);
        assertThat(chat.minHeadroom()).isEqualTo(new HeadroomThreshold.Percent(10));
        assertThat(chat.request().sequences()).isEqualTo(4);
        Requirement offline = file.requirements().get(1);
        assertThat(offline.device()).isEqualTo(new DeviceSelection.Cpu());
        assertThat(offline.minHeadroom()).isEqualTo(new HeadroomThreshold.Bytes(4 * ByteUnits.GIB));
        assertThat(offline.line()).isGreaterThan(chat.line());
    }

    @Test
    void onlyNameAndModelAreRequiredAndTheRestHasDocumentedDefaults() {
        Requirement r = one("requirements:\n  - name: a\n    model: mistral-7b\n");
        assertThat(r.quant()).isEqualTo(Precision.Q4_K_M);
        assertThat(r.contextTokens()).isEqualTo(4096);
        assertThat(r.concurrency()).isEqualTo(1);
        assertThat(r.kvCacheType()).isEqualTo(GgmlType.F16);
        assertThat(r.device()).isEqualTo(new DeviceSelection.Any());
        assertThat(r.minHeadroom()).isEqualTo(HeadroomThreshold.NONE);
        assertThat(r.minDecodeTokensPerSecond()).isZero();
        assertThat(r.line()).isEqualTo(2);
    }

    @Test
    void valuesAcceptTheSpellingsUsersWrite() {
        Requirement r = one("""
                requirements:
                  - name: "long context"
                    model: Meta-Llama/Llama-2-7b-HF
                    quant: q8_0
                    context: 4k
                    concurrency: "2"
                    kvCache: q8_0
                    runtime: LLAMA.CPP
                    device: GPU:1
                    minDecodeTokensPerSecond: 2.5
                    minHeadroom: 512 MiB
                """);
        assertThat(r.name()).isEqualTo("long context");
        assertThat(r.model().id()).isEqualTo("llama-2-7b");
        assertThat(r.model().reference()).isEqualTo("Meta-Llama/Llama-2-7b-HF");
        assertThat(r.quant()).isEqualTo(Precision.Q8_0);
        assertThat(r.contextTokens()).isEqualTo(4096);
        assertThat(r.concurrency()).isEqualTo(2);
        assertThat(r.kvCacheType()).isEqualTo(GgmlType.Q8_0);
        assertThat(r.device()).isEqualTo(new DeviceSelection.Gpu(1));
        assertThat(r.minDecodeTokensPerSecond()).isEqualTo(2.5);
        assertThat(r.minHeadroom()).isEqualTo(new HeadroomThreshold.Bytes(512 * ByteUnits.MIB));
    }

    @Test
    void anUnknownKeyIsNamedWithItsLineAndTheNearestValidKey() {
        assertThat(problems("""
                requirements:
                  - name: chat
                    model: llama-3-8b
                    minDecodeTokenPerSecond: 10
                """)).containsExactly(
                "test.yaml:4: requirements[0] (chat).minDecodeTokenPerSecond: unknown key; did you mean 'minDecodeTokensPerSecond'?");
    }

    @Test
    void aMistypedTopLevelKeyIsNamedToo() {
        assertThat(problems("requirement:\n  - name: a\n    model: gpt-2\n"))
                .containsExactly("test.yaml:1: requirement: unknown key; did you mean 'requirements'?");
    }

    @Test
    void anUnknownQuantNamesTheLineTheFieldAndTheNearestPrecision() {
        List<String> p = problems("requirements:\n  - name: chat\n    model: llama-3-8b\n    quant: Q4_K_X\n");
        assertThat(p).hasSize(1);
        assertThat(p.get(0)).startsWith("test.yaml:4: requirements[0] (chat).quant: unknown 'Q4_K_X'; did you mean Q4_K_M?");
    }

    @Test
    void aRuntimeOutsideTheEnginesProfilesListsTheValidNames() {
        List<String> p = problems("requirements:\n  - name: chat\n    model: llama-3-8b\n    runtime: tensorrt\n");
        assertThat(p).hasSize(1);
        assertThat(p.get(0)).startsWith("test.yaml:4: requirements[0] (chat).runtime: unknown runtime 'tensorrt'")
                .contains("valid: ").contains(RuntimeProfile.LLAMA_CPP.name());
    }

    @Test
    void aRuntimeTheSchemaNamesButTheEngineLacksSaysSo() {
        for (String name : RequirementConverter.SCHEMA_RUNTIMES) {
            boolean known = RuntimeProfile.BUILT_IN.stream().anyMatch(r -> r.name().equalsIgnoreCase(name));
            String yaml = "requirements:\n  - name: chat\n    model: llama-3-8b\n    runtime: " + name + "\n";
            if (known) {
                assertThat(one(yaml).runtime().name()).isEqualToIgnoringCase(name);
            } else {
                assertThat(problems(yaml)).singleElement().asString().contains("has no memory profile in this build yet; valid: ");
            }
        }
    }

    @Test
    void everyProblemIsReportedAtOnceInLineOrder() {
        List<String> p = problems("""
                requirements:
                  - name: a
                    model: llama-3-8
                    context: lots
                  - model: gpt-2
                    device: tpu
                    minHeadroom: plenty
                  - 42
                """);
        assertThat(p).hasSize(6);
        assertThat(p.get(0)).startsWith("test.yaml:3: requirements[0] (a).model: unknown 'llama-3-8'; did you mean llama-3-8b?");
        assertThat(p.get(1)).startsWith("test.yaml:4: requirements[0] (a).context: 'lots' is not a whole number of tokens");
        assertThat(p.get(2)).startsWith("test.yaml:5: requirements[1].name: missing");
        assertThat(p.get(3)).startsWith("test.yaml:6: requirements[1].device: unknown device 'tpu'; valid: any, cpu, gpu:N");
        assertThat(p.get(4)).startsWith("test.yaml:7: requirements[1].minHeadroom: 'plenty' is neither a percentage nor a size");
        assertThat(p.get(5)).startsWith("test.yaml:8: requirements[2]: expected a mapping");
    }

    @Test
    void namesMustBeUnique() {
        assertThat(problems("requirements:\n  - name: a\n    model: gpt-2\n  - name: a\n    model: gpt-2\n"))
                .containsExactly("test.yaml:4: requirements[1] (a).name: 'a' is already used on line 2; names must be unique");
    }

    @Test
    void aContextBeyondTheModelsMaximumIsRejected() {
        // llama-2-7b: max_position_embeddings 4096 (its config.json, bundled catalog).
        assertThat(problems("requirements:\n  - name: a\n    model: llama-2-7b\n    context: 8k\n"))
                .containsExactly("test.yaml:4: requirements[0] (a).context: 8192 tokens exceeds llama-2-7b's maximum of 4096");
    }

    @Test
    void nestedValuesEmptyValuesAndDuplicateKeysAreProblems() {
        List<String> p = problems("""
                requirements:
                  - name: a
                    model: gpt-2
                    quant: [Q4_0, Q8_0]
                    context:
                    name: b
                """);
        assertThat(p).containsExactly(
                "test.yaml:4: requirements[0] (a).quant: expected a single value, found a list",
                "test.yaml:5: requirements[0] (a).context: empty value; remove the key for the default (4096)",
                "test.yaml:6: requirements[0] (a).name: appears twice in this entry");
    }

    @Test
    void malformedYamlReportsTheLineOfTheSyntaxError() {
        List<String> p = problems("requirements:\n  - name: a\n    model: gpt-2\n   quant: [Q4_0\n");
        assertThat(p).singleElement().asString().startsWith("test.yaml:4: YAML syntax:");
    }

    @Test
    void emptyAndMisshapenFilesAreExplained() {
        assertThat(problems("")).singleElement().asString().contains("requirements: missing: the file is empty");
        assertThat(problems("- name: a\n")).singleElement().asString().contains("expected a mapping at the top level");
        assertThat(problems("requirements: chat\n")).containsExactly("test.yaml:1: requirements: expected a list of entries ('- name: ...')");
        assertThat(problems("requirements: []\n")).singleElement().asString().contains("the list is empty");
        assertThat(problems("requirements:\n  - {name: a, model: gpt-2}\n---\nrequirements: []\n"))
                .containsExactly("test.yaml:4: ---: only one YAML document is read; put all entries under one 'requirements:'");
    }

    @Test
    void yamlAliasesAreNotExpanded() {
        // An alias of a mapping is read as the anchor's name, never copied: no "billion laughs".
        List<String> p = problems("""
                requirements:
                  - &base
                    name: a
                    model: gpt-2
                  - *base
                """);
        assertThat(p).singleElement().asString().contains("requirements[1]: expected a mapping");
    }

    @Test
    void aCatalogModelWithoutWeightsToHostIsRejected() {
        CatalogModel apiOnly = new CatalogModel("gpt-4", "GPT-4", "gpt-4", List.of("llm"), List.of("chat"), "proprietary", List.of(),
                CatalogModel.UNKNOWN, null, "proprietary", false, List.of(), List.of("API only"));
        RequirementsReader reader = new RequirementsReader(new CatalogModelResolver(new ModelCatalog(List.of(apiOnly))));
        assertThatThrownBy(() -> reader.read("x.yaml", new StringReader("requirements:\n  - name: a\n    model: GPT-4\n"), Path.of(".")))
                .hasMessage("x.yaml:3: requirements[0] (a).model: 'GPT-4' (gpt-4) cannot be hosted locally, so it has no memory to check");
    }

    @Test
    void unreadableOrMissingLocalModelPathsAreAClearError(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("tiny.gguf"), "GGUF");
        RequirementsReader reader = new RequirementsReader(CatalogModelResolver.bundled());
        assertThatThrownBy(() -> reader.read("x.yaml", new StringReader("requirements:\n  - name: a\n    model: tiny.gguf\n"), dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("x.yaml:3: requirements[0] (a).model: '" + dir.resolve("tiny.gguf").toAbsolutePath() + "' is a local model headroom cannot read");
        assertThatThrownBy(() -> reader.read("x.yaml", new StringReader("requirements:\n  - name: a\n    model: ./gone.gguf\n"), dir))
                .hasMessageContaining("'./gone.gguf' is neither a catalog id nor an existing file or folder");
    }

    @Test
    void filesThatAreMissingHugeOrNotTextAreRejectedBeforeParsing(@TempDir Path dir) throws Exception {
        RequirementsReader reader = new RequirementsReader(CatalogModelResolver.bundled());
        assertThatThrownBy(() -> reader.read(dir.resolve("capacity.yaml"))).hasMessageContaining("capacity.yaml: no such file");
        Path huge = dir.resolve("huge.yaml");
        Files.write(huge, new byte[(int) RequirementsReader.MAX_FILE_BYTES + 1]);
        assertThatThrownBy(() -> reader.read(huge)).hasMessageContaining("too large for a requirements file");
        Path binary = Files.write(dir.resolve("bin.yaml"), new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x41});
        assertThatThrownBy(() -> reader.read(binary)).hasMessageContaining("not UTF-8 text");
    }

    @Test
    void thresholdsAndDevicesParseAndRejectNonsense() {
        assertThat(HeadroomThreshold.parse("10%").requiredBytes(200)).isEqualTo(20);
        assertThat(HeadroomThreshold.parse("2GiB").requiredBytes(1)).isEqualTo(2 * ByteUnits.GIB);
        assertThat(HeadroomThreshold.parse("2147483648").requiredBytes(1)).isEqualTo(2 * ByteUnits.GIB);
        assertThat(HeadroomThreshold.parse("512 B").requiredBytes(1)).isEqualTo(512);
        assertThat(HeadroomThreshold.parse("8GB").requiredBytes(1)).isEqualTo(8_000_000_000L);
        assertThatThrownBy(() -> HeadroomThreshold.parse("150%")).hasMessageContaining("0%..99.9%");
        assertThatThrownBy(() -> HeadroomThreshold.parse("-1GiB")).hasMessageContaining("neither a percentage nor a size");
        assertThat(DeviceSelection.parse("gpu:12")).isEqualTo(new DeviceSelection.Gpu(12));
        assertThatThrownBy(() -> DeviceSelection.parse("gpu")).hasMessageContaining("valid: any, cpu, gpu:N");
        assertThatThrownBy(() -> RequirementConverter.rate("NaN")).hasMessageContaining("finite number >= 0");
        assertThatThrownBy(() -> RequirementConverter.tokens("0")).hasMessageContaining("must be within 1..");
        assertThatThrownBy(() -> RequirementConverter.sequences("0")).hasMessageContaining("must be within 1..");
        assertThatThrownBy(() -> RequirementConverter.kvCacheType("q4_k")).hasMessageContaining("valid: f32, f16, bf16, q8_0");
    }

    @Test
    void theSchemaExampleInTheDocsReadsAndDocumentsEveryKey() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "ci.md"));
        int start = doc.indexOf("```yaml\nrequirements:");
        String yaml = doc.substring(doc.indexOf('\n', start) + 1, doc.indexOf("```", start + 7));
        Requirement r = one(yaml);
        assertThat(r.name()).isEqualTo("chat-assistant");
        assertThat(r.minHeadroom()).isEqualTo(new HeadroomThreshold.Percent(10));
        for (String key : RequirementConverter.KEYS) {
            assertThat(doc).contains("| `" + key + "` |");
        }
    }
}
