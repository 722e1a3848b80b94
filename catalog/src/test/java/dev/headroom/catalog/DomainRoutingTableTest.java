package dev.headroom.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The routing table of issue 13: task phrasings as users write them, each with the domain and task the
 * product brief's decision matrix (model-domains.md, "Quick Decision Matrix": input type + output type
 * -> domain) gives for it. The first three are the phrasings the issue reports as misrouted.
 */
class DomainRoutingTableTest {
    private final DomainGuide guide = DomainGuide.bundled();

    @ParameterizedTest(name = "{0} -> {1} / {2}")
    @CsvSource(delimiter = '|', value = {
            "semantic search embeddings | embeddings | text-embedding",
            "text to speech | audio | text-to-speech",
            "generate images from text | generative | image-generation",
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
            "sentence embeddings for RAG | embeddings | text-embedding",
            "embed documents into vectors for retrieval | embeddings | text-embedding",
            "find similar images in a photo library | embeddings | image-embedding",
            "speech to text for meeting recordings | audio | speech-recognition",
            "subtitle videos from their audio track | audio | speech-recognition",
            "voice over for explainer videos from a script | audio | text-to-speech",
            "synthesize speech from text | audio | text-to-speech",
            "turn text into natural sounding speech | audio | text-to-speech",
            "create images from a prompt | generative | image-generation",
            "text to image generation | generative | image-generation",
            "draw illustrations from descriptions | generative | image-generation",
            "generate music from a text description | generative | music-generation",
            "summarize long legal contracts | llm | summarization",
            "translate emails from German to English | llm | translation",
            "chatbot assistant for customer support | llm | chat",
            "extract named entities from news articles | nlp | ner",
            "classify support tickets by intent | nlp | text-classification",
            "detect spam in email messages | nlp | text-classification",
            "detect faces in photos | vision | face-detection",
            "count people in camera frames | vision | object-detection",
            "predict hourly electricity load | time-series | forecasting",
            "detect fraud in credit card transactions table | tabular | anomaly-detection",
            "classify ECG signals | time-series | time-series-classification",
            "identify the speaker in a voice recording | audio | speaker-recognition",
            "classify environmental sounds in audio clips | audio | audio-classification",
            "separate vocals from music audio | audio | source-separation",
            "describe what is in a picture | multimodal | image-captioning",
            "forecast stock prices from daily history | time-series | forecasting",
            "cluster customer feedback text by similarity | embeddings | text-embedding",
            "generate a short video from a text prompt | generative | video-generation"
    })
    void routesEachPhrasingToTheBriefsDomainAndTask(String task, String domain, String expectedTask) {
        DomainRoute r = guide.route(task, null, null);
        assertThat(r.domain()).as(r.label()).isEqualTo(domain);
        assertThat(guide.tasksFor(r, task)).contains(expectedTask);
    }
}
