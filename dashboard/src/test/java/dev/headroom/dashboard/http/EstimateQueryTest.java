package dev.headroom.dashboard.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.catalog.ModelCatalog;
import dev.headroom.sizing.quant.Precision;
import io.vertx.core.MultiMap;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class EstimateQueryTest {
    private static final ModelCatalog CATALOG = ModelCatalog.bundled();

    private static MultiMap params(String... kv) {
        MultiMap m = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < kv.length; i += 2) {
            m.add(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static void assertBad(String parameter, String messagePart, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(BadParameterException.class, e -> {
            assertThat(e.parameter()).isEqualTo(parameter);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    @Test
    void onlyTheModelIsRequired() {
        EstimateQuery q = EstimateQuery.parse(params("model", "LLAMA-3-8B"), CATALOG);
        assertThat(q.model().id()).isEqualTo("llama-3-8b");
        assertThat(q.request().precision()).isEqualTo(Precision.Q4_K_M);
        assertThat(q.request().contextTokens()).isEqualTo(4096);
        assertThat(q.request().sequences()).isEqualTo(1);
        assertThat(q.request().runtime().name()).isEqualTo("llama.cpp");
    }

    @Test
    void everyParameterIsRead() {
        EstimateQuery q = EstimateQuery.parse(params("model", "mistral-7b", "quant", "q8_0", "context", "16384",
                "batch", "4", "runtime", "LLAMA.CPP"), CATALOG);
        assertThat(q.request().precision()).isEqualTo(Precision.Q8_0);
        assertThat(q.request().contextTokens()).isEqualTo(16384);
        assertThat(q.request().sequences()).isEqualTo(4);
    }

    @Test
    void theDefaultContextIsCappedAtTheModelsMaximum() {
        // GPT-2 was trained with 1024 positions (catalog maxContext).
        assertThat(EstimateQuery.parse(params("model", "gpt-2"), CATALOG).request().contextTokens()).isEqualTo(1024);
    }

    @Test
    void eachBadValueNamesItsParameter() {
        assertBad("model", "missing", () -> EstimateQuery.parse(params(), CATALOG));
        assertBad("model", "did you mean llama-3-8b", () -> EstimateQuery.parse(params("model", "llama-3-8c"), CATALOG));
        assertBad("quant", "did you mean Q4_K_M", () -> EstimateQuery.parse(params("model", "gpt-2", "quant", "q4km"), CATALOG));
        assertBad("context", "not a whole number", () -> EstimateQuery.parse(params("model", "gpt-2", "context", "1e9"), CATALOG));
        assertBad("context", "must be within 1..", () -> EstimateQuery.parse(params("model", "gpt-2", "context", "0"), CATALOG));
        assertBad("batch", "must be within 1..1024", () -> EstimateQuery.parse(params("model", "gpt-2", "batch", "5000"), CATALOG));
        assertBad("batch", "not a whole number", () -> EstimateQuery.parse(params("model", "gpt-2", "batch", "99999999999999999999"), CATALOG));
        assertBad("runtime", "unknown 'vllm-x'", () -> EstimateQuery.parse(params("model", "gpt-2", "runtime", "vllm-x"), CATALOG));
        assertBad("quant", "given 2 times", () -> EstimateQuery.parse(params("model", "gpt-2", "quant", "Q4_0", "quant", "Q8_0"), CATALOG));
        assertBad("modle", "unknown parameter", () -> EstimateQuery.parse(params("modle", "gpt-2"), CATALOG));
        assertBad("model", "longer than 200", () -> EstimateQuery.parse(params("model", "x".repeat(201)), CATALOG));
    }
}
