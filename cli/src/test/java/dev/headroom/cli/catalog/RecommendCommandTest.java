package dev.headroom.cli.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.cli.Json;
import dev.headroom.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code headroom recommend} on this machine (real probe): the route follows the brief's matrix; ranking puts fits first. */
class RecommendCommandTest {
    @TempDir
    Path config;

    private String[] args(String... a) {
        String[] all = java.util.Arrays.copyOf(a, a.length + 2);
        all[a.length] = "--config-dir";
        all[a.length + 1] = config.toString();
        return all;
    }

    private JsonNode json(String... a) throws Exception {
        StringWriter out = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), args(a));
        assertThat(code).isZero();
        return Json.MAPPER.readTree(out.toString());
    }

    @Test
    void transcriptionRoutesToSpeechRecognitionAndWhisper() throws Exception {
        JsonNode r = json("recommend", "--task", "transcribe recorded meetings", "--top", "50", "--json");
        assertThat(r.at("/route/domain").asText()).isEqualTo("audio");
        assertThat(r.at("/route/label").asText()).isEqualTo("Speech (ASR)");
        assertThat(r.get("models").findValuesAsText("id")).contains("whisper-tiny", "whisper-large-v3");
    }

    @Test
    void codeGenerationIsNarrowedByTheHintAndRankedFitsFirst() throws Exception {
        JsonNode r = json("recommend", "--task", "write code from a description", "--top", "100", "--json");
        assertThat(r.at("/route/tasks").findValuesAsText("")).isEmpty();
        assertThat(r.at("/route/tasks/0").asText()).isEqualTo("code-generation");
        JsonNode models = r.get("models");
        assertThat(models.findValuesAsText("id")).contains("codellama-7b", "starcoder2-3b", "codestral-22b");
        boolean seenNoFit = false;
        for (JsonNode m : models) {
            boolean fits = m.at("/fit/fits").asBoolean();
            assertThat(fits && seenNoFit).as("a fitting model after one that does not fit: " + m.get("id")).isFalse();
            seenNoFit |= !fits;
        }
    }

    @Test
    void classicalModelsAreSizedByTheTrainingRows() throws Exception {
        JsonNode small = json("recommend", "--task", "predict churn from a customer table", "--rows", "1000", "--json");
        JsonNode large = json("recommend", "--task", "predict churn from a customer table", "--rows", "50000000", "--json");
        long smallNeed = need(small, "xgboost");
        long largeNeed = need(large, "xgboost");
        // brief tiers: XGBoost 1-10 MB below 10K rows, 50-500 MB above 1M rows; the tree-ensemble workload
        // model sizes each within its tier, so the difference lies between the tiers' bounds
        assertThat(largeNeed - smallNeed).isBetween(50_000_000L - 10_000_000L, 500_000_000L - 1_000_000L);
    }

    @Test
    void explicitTypesOverrideAndBadTypesAreInvalidInput() throws Exception {
        assertThat(json("recommend", "--task", "x", "--input", "images", "--output", "masks", "--json").at("/route/domain").asText())
                .isEqualTo("vision");
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), args("recommend", "--task", "x", "--input", "pictures"));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("input: 'pictures' is not a type");
    }

    @Test
    void tableNamesTheRouteAndTheMachine() {
        StringWriter out = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), args("recommend", "--task", "classify product photos", "--top", "100"));
        assertThat(code).isZero();
        assertThat(out.toString()).contains("Computer Vision (Classification)", "Machine", "resnet-50");
    }

    private static long need(JsonNode r, String id) {
        for (JsonNode m : r.get("models")) {
            if (m.get("id").asText().equals(id)) {
                return m.at("/fit/neededBytes").asLong();
            }
        }
        throw new AssertionError(id + " not recommended");
    }
}
