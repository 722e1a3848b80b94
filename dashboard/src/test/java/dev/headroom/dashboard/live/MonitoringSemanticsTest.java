package dev.headroom.dashboard.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.advisor.Advisor;
import dev.headroom.catalog.AcceleratorCatalog;
import dev.headroom.dashboard.WatchItem;
import dev.headroom.dashboard.http.JsonViews;
import dev.headroom.probe.live.GpuSample;
import dev.headroom.probe.live.ModelRuntime;
import dev.headroom.probe.live.ModelServer;
import dev.headroom.probe.live.ModelServers;
import dev.headroom.sizing.memory.DeploymentRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Capacity ("fits when idle") against "fits now", and "serving", on the hosts where "fits now" alone said
 * the wrong thing. The GPU is an RTX 4090 as nvidia-smi reports it, 24564 MiB; a vLLM server takes
 * {@code --gpu-memory-utilization} 0.9 of it by default (vLLM engine arguments; vllm-project/vllm issue
 * #7553 shows 21395 MiB of 24564 MiB per card with CUDA graphs off, 23859 MiB with them on).
 */
class MonitoringSemanticsTest {
    static final long RTX_4090 = 24564L << 20;
    static final long VLLM_HELD = 23859L << 20;

    private final ScriptedHostSampler host = new ScriptedHostSampler();
    private LiveSampler sampler;

    @AfterEach
    void stop() {
        if (sampler != null) {
            sampler.close();
        }
    }

    /**
     * 4 GiB of host RAM available: too little for any watched model on the CPU, so a placement that
     * fits is a GPU placement.
     */
    private LiveSampler start(String... items) {
        if (host.sample().memory().availableBytes() == 24L << 30) {
            host.available(4L << 30);
        }
        List<WatchItem> parsed = new ArrayList<>();
        for (String i : items) {
            parsed.add(WatchItem.parse(i));
        }
        List<ResolvedWatch> watch = ResolvedWatch.resolve(parsed, LiveSamplerTest.CATALOG, true, new ArrayList<>());
        sampler = new LiveSampler(host, LiveAdvisor.of(LiveSamplerTest.HOST, LiveSamplerTest.CATALOG, AcceleratorCatalog.bundled()),
                watch, 60_000);
        sampler.start();
        return sampler;
    }

    private WatchResult watched(int i) {
        return sampler.state().watch().get(i);
    }

    private static GpuSample gpu(int index, long used) {
        return new GpuSample(index, "NVIDIA", "NVIDIA GeForce RTX 4090", RTX_4090, used, 0.3);
    }

    private static ModelServers vllm(long pid, String commandLine, Map<Integer, Long> gpuBytes) {
        return new ModelServers(List.of(new ModelServer(pid, ModelRuntime.VLLM, commandLine, 3L << 30, gpuBytes)), false);
    }

    @Test
    void aVllmHostServingTheWatchedModelSaysServingNotNoLongerFits() {
        host.gpus(List.of(gpu(0, 400L << 20)));
        start("llama-3-8b:Q8_0:8192");
        assertThat(watched(0).state()).isEqualTo(ModelState.FITS_NOW);

        // vLLM loads the model and reserves 90 %+ of the card: nothing is left "now".
        host.gpus(List.of(gpu(0, VLLM_HELD)));
        host.servers(vllm(4711, "python -m vllm.entrypoints.openai.api_server --model meta-llama/Meta-Llama-3-8B-Instruct",
                Map.of(0, VLLM_HELD)));
        sampler.tick();
        WatchResult w = watched(0);
        assertThat(w.fits()).as("fits now").isFalse();
        assertThat(w.fitsWhenIdle()).as("the capacity is still there").isTrue();
        assertThat(w.state()).isEqualTo(ModelState.SERVING);
        assertThat(w.serving().namedInCommandLine()).isTrue();
        assertThat(w.serving().pids()).containsExactly(4711L);

        var json = JsonViews.watch(sampler.state().watch()).get("watch").get(0);
        assertThat(json.get("state").asText()).isEqualTo("serving");
        assertThat(json.get("fitsNow").asBoolean()).isFalse();
        assertThat(json.get("fitsWhenIdle").asBoolean()).isTrue();
        assertThat(json.get("serving").get("runtime").asText()).isEqualTo("vllm");
        assertThat(json.get("serving").get("pids").get(0).asLong()).isEqualTo(4711L);
        var hw = JsonViews.hardware(LiveSamplerTest.HOST, sampler.state().sample());
        assertThat(hw.get("modelServers").get("processes").get(0).get("gpuBytes").get("0").asLong()).isEqualTo(VLLM_HELD);
        assertThat(hw.get("gpus").get(0).get("memoryUsedByModelServersBytes").asLong()).isEqualTo(VLLM_HELD);
        assertThat(hw.toString()).as("command lines can carry secrets: never served").doesNotContain("Meta-Llama");
    }

    @Test
    void anUnnamedServerHoldingAtLeastTheWeightsCountsAsServingAndAnotherWorkloadDoesNot() {
        host.gpus(List.of(gpu(0, VLLM_HELD)));
        // A vLLM V1 engine process whose title names no model, holding more than the model's weights.
        host.servers(vllm(12, "VLLM::EngineCore", Map.of(0, VLLM_HELD)));
        start("llama-3-8b:Q8_0:8192", "llama-3-70b:Q4_K_M:8192");
        assertThat(watched(0).state()).isEqualTo(ModelState.SERVING);
        assertThat(watched(0).serving().namedInCommandLine()).isFalse();
        // 70B at Q4_K_M has ~40 GB of weights: more than the server holds, so it is not the one served.
        assertThat(watched(1).state()).isNotEqualTo(ModelState.SERVING);

        // The same memory held by a training job (not a model server): fits when idle, not serving.
        host.servers(ModelServers.NONE);
        sampler.tick();
        assertThat(watched(0).state()).isEqualTo(ModelState.FITS_WHEN_IDLE);
    }

    @Test
    void aServerNamingAnotherWatchedModelIsNoEvidenceForThisOne() {
        host.gpus(List.of(gpu(0, VLLM_HELD)));
        host.servers(vllm(12, "vllm serve mistralai/Mistral-7B-Instruct-v0.3", Map.of(0, VLLM_HELD)));
        start("llama-3-8b:Q8_0:8192", "mistral-7b:Q4_K_M:8192");
        assertThat(watched(0).state()).isEqualTo(ModelState.FITS_WHEN_IDLE);
        assertThat(watched(1).state()).isEqualTo(ModelState.SERVING);
    }

    @Test
    void capacityIsLostWhenAGpuDisappears() {
        // Two 24 GiB cards hold 70B at Q4_K_M together; one alone (with 32 GiB of RAM) does not.
        host.gpus(List.of(gpu(0, 300L << 20), gpu(1, 300L << 20)));
        start("llama-3-70b:Q4_K_M:8192");
        assertThat(watched(0).fitsWhenIdle()).isTrue();
        host.gpus(List.of(gpu(0, 300L << 20)));
        sampler.tick();
        assertThat(watched(0).fitsWhenIdle()).isFalse();
        assertThat(watched(0).state()).isEqualTo(ModelState.DOES_NOT_FIT);
    }

    @Test
    void aCpuLlamaServerGivesItsHostMemoryBackWhenIdle() {
        // 32 GiB host, 6 GiB available because llama-server (--no-mmap) holds 18 GiB of anonymous memory.
        host.available(6L << 30);
        host.servers(new ModelServers(List.of(new ModelServer(99, ModelRuntime.LLAMA_CPP,
                "llama-server --no-mmap -m /models/Meta-Llama-3-70B-Instruct-Q2_K.gguf", 18L << 30, Map.of())), false));
        start("llama-3-8b:Q8_0:8192");
        assertThat(sampler.state().idle().hardware().memory().availableBytes()).isEqualTo(24L << 30);
        WatchResult w = watched(0);
        assertThat(w.fits()).isFalse();
        assertThat(w.fitsWhenIdle()).isTrue();
        assertThat(w.state()).as("the server names 70B, not 8B").isEqualTo(ModelState.FITS_WHEN_IDLE);
    }

    @Test
    void bothAnswersComeFromTheAdvisorOnTheMachinesTheStateHolds() {
        host.gpus(List.of(gpu(0, VLLM_HELD)));
        start("llama-3-8b:Q8_0:8192");
        LiveState s = sampler.state();
        ResolvedWatch w = s.watch().get(0).watch();
        DeploymentRequest r = DeploymentRequest.of(w.model().architecture(), w.item().precision(), w.item().contextTokens());
        Advisor advisor = new Advisor(LiveSamplerTest.CATALOG);
        assertThat(advisor.estimate(s.machine(), r).placement().headroomBytes()).isEqualTo(s.watch().get(0).headroomBytes());
        assertThat(advisor.estimate(s.idle(), r).placement().headroomBytes()).isEqualTo(s.watch().get(0).idleHeadroomBytes());
        assertThat(s.idle().hardware().gpus().get(0).memoryFreeBytes()).isEqualTo(RTX_4090);
    }

    @Test
    void aCommandLineNamesAModelByItsIdOrAliasesOnLettersAndDigits() {
        List<String> llama8 = ServingDetector.names(LiveSamplerTest.CATALOG.get("llama-3-8b"));
        List<String> llama70 = ServingDetector.names(LiveSamplerTest.CATALOG.get("llama-3-70b"));
        String gguf = ServingDetector.normalise("llama-server -m /models/Meta-Llama-3-8B-Instruct-Q4_K_M.gguf");
        assertThat(llama8).anyMatch(gguf::contains);
        assertThat(llama70).noneMatch(gguf::contains);
        assertThat(llama8).allMatch(n -> n.length() >= ServingDetector.MIN_NAME_CHARS && n.matches("[a-z0-9]+"));
    }
}
