package dev.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class SizeCommandTest {
    static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    @Test
    void jsonCarriesTheBreakdownWithProvenanceAndTheTotalIsItsSum() throws Exception {
        CommandRun r = run("size", "llama-3-8b", "--quant", "Q4_K_M", "--context", "8192", "--json");
        assertThat(r.code()).isZero();
        JsonNode mem = Json.MAPPER.readTree(r.out()).get("memory");
        // measured_memory.csv rows 121+122: 4403.49 + 281.81 MiB of weights; row 123: 1024 MiB of KV.
        assertThat(mem.get("weightsBytes").asLong()).isEqualTo(4_912_898_048L);
        assertThat(mem.get("kvCacheBytes").asLong()).isEqualTo(1L << 30);
        long sum = 0;
        for (JsonNode part : mem.get("breakdown")) {
            sum += part.get("bytes").asLong();
            assertThat(part.get("origin").asText()).isIn("COMPUTED", "DEFAULT", "MEASURED", "FILE", "DATASHEET");
            assertThat(part.get("note").asText()).isNotBlank();
        }
        assertThat(mem.get("totalBytes").asLong()).isEqualTo(sum);
        // named for what each tool shows: llama.cpp's buffer lines exclude the CUDA context, nvidia-smi includes it
        assertThat(mem.get("deviceMemoryInUseBytes").asLong()).isEqualTo(sum);
        assertThat(mem.get("frameworkAllocationBytes").asLong()).isEqualTo(sum - mem.get("runtimeOverheadBytes").asLong());
    }

    @Test
    void aDeviceGivesTheFitAndTheSolversAnswers() throws Exception {
        CommandRun r = run("size", "llama-2-70b", "--quant", "q4_0", "--context", "4096", "--device", "RTX 4090", "--json");
        assertThat(r.code()).isZero();
        JsonNode dev = Json.MAPPER.readTree(r.out()).get("device");
        assertThat(dev.get("fits").asBoolean()).isFalse();
        assertThat(dev.get("gpuLayers").asInt()).isBetween(30, 79);
        assertThat(dev.get("gpusNeeded").asInt()).isEqualTo(2);
        // Q2_K (about 24 GiB for 70B) misses a 24 GiB card; the fit policy's ladder goes on to IQ2_XXS (~19 GiB), which fits:
        // the same ladder and answer as `fit --device "RTX 4090"`.
        assertThat(dev.get("bestPrecision").asText()).isEqualTo("IQ2_XXS");
        JsonNode small = Json.MAPPER.readTree(run("size", "llama-3-8b", "--context", "4096", "--device", "RTX 4090", "--json").out());
        assertThat(small.at("/device/bestPrecision").asText()).isEqualTo("F16");
        assertThat(small.at("/device/fits").asBoolean()).isTrue();
        assertThat(small.at("/device/longestContextTokens").asLong()).isEqualTo(8192);
    }

    @Test
    void trainingPrintsItsPartsAsATable() {
        CommandRun r = run("size", "llama-3-8b", "--train", "qlora", "--batch", "2", "--context", "1024");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("train qlora", "adapters", "optimizerStates", "activations", "total");
    }

    @Test
    void vllmAndTensorParallelReportPerGpuSizes() throws Exception {
        JsonNode one = Json.MAPPER.readTree(run("size", "llama-3-70b", "--runtime", "vllm", "--json").out());
        JsonNode four = Json.MAPPER.readTree(run("size", "llama-3-70b", "--runtime", "vllm", "--gpus", "4", "--json").out());
        assertThat(four.at("/memory/weightsBytes").asLong() * 4).isBetween(one.at("/memory/weightsBytes").asLong(),
                one.at("/memory/weightsBytes").asLong() + 3);
        assertThat(four.get("kvCache").asText()).isEqualTo("BF16");
    }

    @Test
    void unknownNamesGetOneLineWithTheNearestAndTheValidOnes() {
        CommandRun quant = run("size", "llama-3-8b", "--quant", "Q4_K_X");
        assertThat(quant.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(quant.err().strip()).startsWith("headroom: quant: unknown 'Q4_K_X'; did you mean Q4_K_M? valid: ").doesNotContain("\n");
        CommandRun runtime = run("size", "llama-3-8b", "--runtime", "olama");
        assertThat(runtime.err()).contains("did you mean ollama? valid: llama.cpp, ollama, vllm, transformers");
        CommandRun model = run("size", "lama-3-8b");
        assertThat(model.err()).contains("model: unknown 'lama-3-8b'; did you mean llama-3-8b");
        CommandRun device = run("size", "llama-3-8b", "--device", "RTX 9999 Ultra");
        assertThat(device.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(device.err()).contains("device: unknown 'RTX 9999 Ultra'").doesNotContain("T4");
        CommandRun near = run("size", "llama-3-8b", "--device", "RTX 4095");
        assertThat(near.err()).contains("device: unknown 'RTX 4095'; did you mean").contains("4090");
    }

    @Test
    void absurdNumbersAreRejectedWithTheField() {
        assertThat(run("size", "llama-3-8b", "--context", "0").err()).contains("'--context'").contains("must be within 1..100000000 tokens, was 0")
                .doesNotContain("Exception");
        assertThat(run("size", "llama-3-8b", "--batch", "-2").err()).contains("batch: must be within");
        assertThat(run("size", "llama-3-8b", "--gpus", "3").err()).contains("gpus: 3 does not divide the 32 attention heads");
        CommandRun huge = run("size", "llama-3-8b", "--context", "99999999999999");
        assertThat(huge.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(huge.err()).doesNotContain("Exception");
    }
}
