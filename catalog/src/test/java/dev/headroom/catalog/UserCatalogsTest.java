package dev.headroom.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserCatalogsTest {
    @Test
    void aYamlCatalogAddsAModelAndReplacesABundledOne(@TempDir Path config) throws Exception {
        Path models = Files.createDirectories(config.resolve("models"));
        Files.writeString(models.resolve("mine.yaml"), """
                schema: headroom-models/1
                models:
                  - id: acme-coder-1b
                    name: Acme Coder 1B
                    family: acme
                    domains: [llm]
                    tasks: [code-generation]
                    aliases: [acme/coder-1b]
                    architecture: {layers: 16, hiddenSize: 2048, attentionHeads: 32, kvHeads: 8, intermediateSize: 8192, vocabSize: 32000, maxContext: 8192}
                    license: apache-2.0
                    runtimes: [llama.cpp]
                    sources: [internal model card]
                  - id: gpt-2
                    name: GPT-2 (local copy)
                    family: gpt-2
                    domains: [nlp]
                    tasks: [text-generation]
                    parameters: 124439808
                    license: mit
                    runtimes: [transformers]
                    sources: [ours]
                """);

        ModelCatalog c = UserCatalogs.load(UserCatalogs.filesIn(config));

        assertThat(c.get("acme/coder-1b").architecture().kvHeads()).isEqualTo(8);
        assertThat(c.get("gpt-2").name()).isEqualTo("GPT-2 (local copy)");
        assertThat(c.all()).hasSize(ModelCatalog.bundled().all().size() + 1);
    }

    @Test
    void reportsEveryProblemOfEveryFileWithFileEntryAndField(@TempDir Path config) throws Exception {
        Path models = Files.createDirectories(config.resolve("models"));
        Files.writeString(models.resolve("a.yaml"), """
                models:
                  - id: Bad_Id
                    name: x
                    family: x
                    domains: [vison]
                    tasks: [t]
                    parameters: 10
                    sources: [s]
                    paramters: 5
                """);
        Files.writeString(models.resolve("b.json"), "{\"models\":[{\"id\":\"ok-1\",\"family\":\"f\",\"domains\":[\"llm\"],\"parameters\":1,"
                + "\"architecture\":{\"layers\":0,\"hiddenSize\":8,\"attentionHeads\":1,\"intermediateSize\":8,\"vocabSize\":8,\"maxContext\":8}}]}");

        assertThatThrownBy(() -> UserCatalogs.load(UserCatalogs.filesIn(config)))
                .isInstanceOfSatisfying(CatalogException.class, e -> assertThat(e.problems()).anySatisfy(p ->
                        assertThat(p).contains("a.yaml: models[0] (Bad_Id): id 'Bad_Id' must be lowercase kebab-case"))
                        .anySatisfy(p -> assertThat(p).contains("domains: 'vison' is not a domain; did you mean 'vision'?"))
                        .anySatisfy(p -> assertThat(p).contains("unknown field 'paramters'; did you mean 'parameters'?"))
                        .anySatisfy(p -> assertThat(p).contains("b.json: models[0] (ok-1): field 'name' is missing"))
                        .anySatisfy(p -> assertThat(p).contains("b.json: models[0] (ok-1): architecture: layers: must be positive, was 0"))
                        .anySatisfy(p -> assertThat(p).contains("b.json: models[0] (ok-1): field 'sources' is missing")));
    }

    @Test
    void aUserAliasThatNamesAnotherModelIsAClash(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, "models:\n  - {id: x-1, name: X, family: x, domains: [llm], tasks: [chat], parameters: 5, aliases: [meta-llama/Meta-Llama-3-8B], sources: [s], license: mit}\n");
        assertThatThrownBy(() -> UserCatalogs.load(List.of(f)))
                .isInstanceOf(CatalogException.class).hasMessageContaining("already names 'llama-3-8b'");
    }

    @Test
    void findsTheConfigDirectoryFromTheEnvironment() {
        Path home = Path.of("/home/u");
        assertThat(UserCatalogs.configDir(Map.of("HEADROOM_CONFIG_DIR", "/etc/hr"), home)).isEqualTo(Path.of("/etc/hr"));
        assertThat(UserCatalogs.configDir(Map.of("XDG_CONFIG_HOME", "/x"), home)).isEqualTo(Path.of("/x/headroom"));
        assertThat(UserCatalogs.configDir(Map.of(), home)).isEqualTo(Path.of("/home/u/.config/headroom"));
    }

    @Test
    void aMissingOrMalformedFileIsOneClearProblem(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "models: [ {id: a\n");
        assertThatThrownBy(() -> UserCatalogs.load(List.of(bad, dir.resolve("none.yaml"))))
                .isInstanceOfSatisfying(CatalogException.class, e -> assertThat(e.problems()).hasSize(2)
                        .anySatisfy(p -> assertThat(p).startsWith(bad + ": not valid YAML"))
                        .anySatisfy(p -> assertThat(p).endsWith("none.yaml: no such file")));
    }
}
