package dev.headroom.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Task descriptions routed by the brief's decision matrix (model-domains.md, "Quick Decision Matrix"). */
class DomainGuideTest {
    private final DomainGuide guide = DomainGuide.bundled();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "classify product photos into categories | vision | image-classification",
            "detect objects in street camera images and draw bounding boxes | vision | object-detection",
            "segment tumours in MRI scans pixel by pixel | vision | semantic-segmentation",
            "sentiment of customer reviews | nlp | text-classification",
            "write Python code from a description | llm | code-generation",
            "semantic search over our documents | embeddings | text-embedding",
            "transcribe recorded phone calls | audio | speech-recognition",
            "read text aloud with a natural voice | audio | text-to-speech",
            "forecast daily sales for next month | time-series | forecasting",
            "find anomalies in server cpu usage telemetry | time-series | anomaly-detection",
            "predict churn from a customer table in csv | tabular | tabular-classification",
            "estimate house price from rows of features | tabular | tabular-regression",
            "generate images of products from a text prompt | generative | image-generation",
            "caption photos and answer questions about them | multimodal | image-captioning",
            "rank products for a search query from rows of click data | tabular | ranking",
    })
    void routesTaskDescriptionsLikeTheBriefsMatrix(String task, String domain, String firstTask) {
        DomainRoute r = guide.route(task, null, null);
        assertThat(r.domain()).isEqualTo(domain);
        assertThat(guide.tasksFor(r, task)).contains(firstTask);
    }

    @Test
    void everyTaskARouteNamesHasModelsInTheBundledCatalog() {
        ModelCatalog catalog = ModelCatalog.bundled();
        for (DomainRoute r : guide.routes()) {
            java.util.List<String> tasks = new java.util.ArrayList<>(r.tasks());
            tasks.addAll(r.hints().values());
            assertThat(tasks).allSatisfy(t -> assertThat(catalog.filter(null, t)).as(r.label() + " / " + t).isNotEmpty());
        }
    }

    @Test
    void explicitTypesOverrideTheDescription() {
        assertThat(guide.route("anything", "audio", "class-labels").label()).isEqualTo("Speech (Audio Classification)");
    }

    @Test
    void unknownTypesAndUnreadableTasksAreInvalidInputNamingTheChoices() {
        assertThatThrownBy(() -> guide.route("x", "imgs", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("input: 'imgs' is not a type; did you mean 'images'?");
        assertThatThrownBy(() -> guide.route("zzz", null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--input (audio, images, tabular, text, time-series, video)");
    }
}
