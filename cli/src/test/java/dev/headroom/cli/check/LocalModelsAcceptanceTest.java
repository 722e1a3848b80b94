package dev.headroom.cli.check;

import dev.headroom.advisor.models.LocalStores;
import dev.headroom.advisor.models.TinyGguf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.cli.CommandRun;
import dev.headroom.cli.ExitCodes;
import dev.headroom.cli.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, "the user's own models are first-class": a local GGUF in {@code check} is sized by its exact bytes, a
 * contradicting {@code quant:} exits 2 naming both, and the models of an Ollama store (manifest + blobs made here)
 * are scanned and then named in {@code size} and {@code check}.
 */
class LocalModelsAcceptanceTest {
    @TempDir
    Path dir;

    private static JsonNode json(CommandRun r) throws Exception {
        return Json.MAPPER.readTree(r.out());
    }

    @Test
    void checkSizesALocalGgufByItsExactBytes() throws Exception {
        Files.write(dir.resolve("some.gguf"), TinyGguf.bytes());
        Path file = Files.writeString(dir.resolve("capacity.yaml"), """
                requirements:
                  - name: local-file
                    model: ./some.gguf
                    context: 4096
                """);
        CommandRun r = CommandRun.of("check", file.toString(), "--hardware", CheckFixtures.VM.toString(), "--no-calibration", "--json",
                "--home", dir.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        JsonNode result = json(r).get("requirements").get(0);
        assertThat(result.get("memory").get("weightsBytes").asLong()).isEqualTo(TinyGguf.TOTAL);
        assertThat(result.toString()).contains("Q4_K_M");
    }

    @Test
    void aQuantThatContradictsTheFileExitsTwoNamingBoth() throws Exception {
        Files.write(dir.resolve("some.gguf"), TinyGguf.bytes());
        Path file = Files.writeString(dir.resolve("capacity.yaml"), """
                requirements:
                  - name: wrong-quant
                    model: ./some.gguf
                    quant: Q8_0
                """);
        CommandRun r = CommandRun.of("check", file.toString(), "--hardware", CheckFixtures.VM.toString(), "--home", dir.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("capacity.yaml:4: requirements[0] (wrong-quant).quant: Q8_0 contradicts ./some.gguf, whose weights are Q4_K_M");
        assertThat(r.err().strip().lines()).hasSize(1);

        CommandRun size = CommandRun.of("size", dir.resolve("some.gguf").toString(), "--quant", "Q8_0", "--home", dir.toString());
        assertThat(size.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(size.err()).contains("Q8_0").contains("Q4_K_M");
    }

    @Test
    void ollamaModelsAreScannedThenNamedInSizeAndCheck() throws Exception {
        Path models = dir.resolve(".ollama/models");
        LocalStores.ollama(models, "registry.ollama.ai/library/tinyllm/q4", TinyGguf.bytes());
        LocalStores.ollama(models, "hf.co/someorg/Tiny-GGUF/Q4_K_M", TinyGguf.bytes());

        CommandRun scan = CommandRun.of("catalog", "scan", "--home", dir.toString(), "--json");
        assertThat(scan.code()).as(scan.err()).isZero();
        List<String> references = new ArrayList<>();
        for (JsonNode m : json(scan)) {
            if (m.get("source").asText().equals("ollama")) {
                references.add(m.get("reference").asText());
                assertThat(m.get("files").get("tensorBytes").asLong()).isEqualTo(TinyGguf.TOTAL);
            }
        }
        assertThat(references).containsExactlyInAnyOrder("ollama:tinyllm:q4", "ollama:hf.co/someorg/Tiny-GGUF:Q4_K_M");

        for (String name : List.of("tinyllm:q4", "ollama:tinyllm:q4", "hf.co/someorg/Tiny-GGUF:Q4_K_M")) {
            CommandRun size = CommandRun.of("size", name, "--home", dir.toString(), "--context", "4096", "--json");
            assertThat(size.code()).as(name + ": " + size.err()).isZero();
            JsonNode s = json(size);
            assertThat(s.get("precision").asText()).isEqualTo("Q4_K_M");
            assertThat(s.get("source").asText()).isEqualTo("Ollama store");
            assertThat(s.get("memory").get("weightsBytes").asLong()).isEqualTo(TinyGguf.TOTAL);
        }

        Path reqs = dir.resolve("scanned.yaml");
        CommandRun written = CommandRun.of("catalog", "scan", "--home", dir.toString(), "--requirements", reqs.toString(), "--json");
        assertThat(written.code()).as(written.err()).isZero();
        assertThat(written.err()).contains("wrote 2 requirements");
        CommandRun check = CommandRun.of("check", reqs.toString(), "--hardware", CheckFixtures.VM.toString(), "--no-calibration",
                "--json", "--home", dir.toString());
        assertThat(check.code()).as(check.err()).isEqualTo(ExitCodes.OK);
        JsonNode results = json(check).get("requirements");
        assertThat(results).hasSize(2);
        for (JsonNode res : results) {
            assertThat(res.get("memory").get("weightsBytes").asLong()).isEqualTo(TinyGguf.TOTAL);
        }
    }

    @Test
    void anUnknownNameIsOneLineWithSuggestions() {
        CommandRun r = CommandRun.of("size", "tinyllm:q5", "--home", dir.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("unknown 'tinyllm:q5'").contains("did you mean");
    }
}
