package dev.headroom.cli.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.cli.Json;
import dev.headroom.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code headroom catalog ...} end to end through Main.run, with an empty config dir so no real user catalog interferes. */
class CatalogCommandTest {
    @TempDir
    Path config;

    record Run(int code, String out, String err) {
    }

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--config-dir";
        all[args.length + 1] = config.toString();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), all);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void listFiltersByDomainAndTask() {
        Run r = run("catalog", "list", "--domain", "vision", "--task", "object-detection");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("yolov8-n", "faster-rcnn-resnet50-fpn", "detr-resnet-50").doesNotContain("mobilenet-v2", "whisper");
    }

    @Test
    void listAsJsonCarriesSizesAndSources() throws Exception {
        Run r = run("catalog", "list", "--domain", "tabular", "--json");
        JsonNode a = Json.MAPPER.readTree(r.out());
        assertThat(a.findValuesAsText("id")).contains("xgboost", "random-forest");
        JsonNode xgb = a.findParents("id").stream().filter(n -> n.get("id").asText().equals("xgboost")).findFirst().orElseThrow();
        assertThat(xgb.get("parameterBasis").asText()).isEqualTo("data-dependent");
        assertThat(xgb.at("/sizeTiers/0/maxBytes").asLong()).isEqualTo(10_000_000L);
        assertThat(xgb.get("sources").size()).isPositive();
    }

    @Test
    void aMistypedDomainIsInvalidInputWithASuggestion() {
        Run r = run("catalog", "list", "--domain", "visoin");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("domain: 'visoin' is not a domain; did you mean 'vision'?").doesNotContain("Exception");
    }

    @Test
    void showFindsAModelByItsHuggingFaceRepoId() {
        Run r = run("catalog", "show", "google-bert/bert-base-uncased");
        assertThat(r.code()).isZero();
        // 109,482,240 parameters: validation/model_configs.csv (BERT-base-uncased)
        assertThat(r.out()).contains("bert-base-uncased", "109,482,240", "exact", "counted");
        Run missing = run("catalog", "show", "bert-bsae-uncased");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("did you mean bert-base-uncased");
    }

    @Test
    void searchMatchesEveryWord() {
        Run r = run("catalog", "search", "whisper", "large");
        assertThat(r.out()).contains("whisper-large-v2", "whisper-large-v3").doesNotContain("whisper-tiny");
    }

    @Test
    void importPrintsExactSizesAndTheArchitectureOfAGgufFile() throws Exception {
        Path f = config.resolve("tiny.gguf");
        Files.write(f, TestFiles.gguf());
        Run r = run("catalog", "import", f.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("cli tiny (gguf, 1 file)", "6,272 bytes", "Q8_0", "2,176", "F16", "4,096",
                "layers      2, hidden 256, heads 4 (kv 2, head_dim 64), intermediate 512");

        JsonNode j = Json.MAPPER.readTree(run("catalog", "import", f.toString(), "--json").out());
        assertThat(j.get("tensorBytes").asLong()).isEqualTo(6272);
        assertThat(j.at("/architecture/kvHeads").asInt()).isEqualTo(2);
    }

    @Test
    void importOfABrokenFileIsOneLineAndExitCode2() throws Exception {
        Path f = config.resolve("cut.gguf");
        byte[] ok = TestFiles.gguf();
        Files.write(f, Arrays.copyOf(ok, 40));
        Run r = run("catalog", "import", f.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("truncated").doesNotContain("Exception");
    }

    @Test
    void scanListsModelsInGivenFoldersWithExactBytesAndAFitVerdict() throws Exception {
        Path models = Files.createDirectories(config.resolve("models-dir/sub"));
        Files.write(models.resolve("tiny.gguf"), TestFiles.gguf());
        Files.write(models.resolve("model.safetensors"), TestFiles.safetensors());
        Run r = run("catalog", "scan", "--no-defaults", config.resolve("models-dir").toString(), "--json");
        assertThat(r.code()).isZero();
        JsonNode a = Json.MAPPER.readTree(r.out());
        assertThat(a).hasSize(2);
        assertThat(a.findValuesAsText("format")).containsExactlyInAnyOrder("gguf", "safetensors");
        assertThat(a.findValues("tensorBytes").stream().map(JsonNode::asLong)).containsExactlyInAnyOrder(6272L, 4096L);
        assertThat(a.get(0).at("/fit/fits").isBoolean()).isTrue();
    }

    @Test
    void scanOfAnEmptyHomeSaysWhereItLooked() {
        Run r = run("catalog", "scan", "--home", config.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("No models found", config.resolve(".cache/huggingface/hub").toString(), ".ollama/models");
    }

    @Test
    void aUserCatalogWithProblemsListsThemAllAndExits2() throws Exception {
        Path bad = config.resolve("bad.yaml");
        Files.writeString(bad, "models:\n  - {id: Bad, family: f, domains: [nope], parameters: 1, sources: [s]}\n");
        Run r = run("catalog", "list", "--catalog", bad.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines().filter(l -> l.contains("bad.yaml"))).hasSizeGreaterThanOrEqualTo(3);
        assertThat(r.err()).contains("must be lowercase kebab-case", "'nope' is not a domain", "field 'name' is missing");
    }

    @Test
    void aUserCatalogInTheConfigDirOverlaysTheBundledOne() throws Exception {
        Files.createDirectories(config.resolve("models"));
        Files.writeString(config.resolve("models/team.yaml"), "models:\n  - {id: team-ranker, name: Team ranker, family: team, domains: [tabular],"
                + " tasks: [ranking], parameterBasis: data-dependent, sizeTiers: [{maxRows: 1000, min: 1 MB, max: 2 MB}], license: mit,"
                + " runtimes: [lightgbm], sources: [team wiki]}\n");
        Run r = run("catalog", "show", "team-ranker");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Team ranker", "up to 1,000 training rows");
    }
}
