package dev.headroom.probe.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Command lines as the runtimes' own documentation and public bug reports show them. */
class ModelRuntimeTest {
    private static Optional<ModelRuntime> of(String... argv) {
        return ModelRuntime.recognise(List.of(argv));
    }

    @Test
    void recognisesEachRuntimeFromItsUsualCommandLine() {
        // vllm-project/vllm issue #7553: python -m vllm.entrypoints.openai.api_server --served-model-name Yi-1.5-34B-Chat ...
        assertThat(of("python", "-m", "vllm.entrypoints.openai.api_server", "--served-model-name", "Yi-1.5-34B-Chat"))
                .contains(ModelRuntime.VLLM);
        // vLLM's console script (docs: "vllm serve <model>") and its engine process title (EngineCore, vLLM V1)
        assertThat(of("/usr/bin/python3", "/usr/local/bin/vllm", "serve", "meta-llama/Llama-3.1-8B-Instruct")).contains(ModelRuntime.VLLM);
        assertThat(of("/opt/venv/bin/vllm", "serve", "Qwen/Qwen2.5-7B-Instruct")).contains(ModelRuntime.VLLM);
        assertThat(of("VLLM::EngineCore")).contains(ModelRuntime.VLLM);
        // llama.cpp tools/server README: llama-server -m models/7B/ggml-model.gguf -c 2048
        assertThat(of("./build/bin/llama-server", "-m", "models/7B/ggml-model.gguf", "-c", "2048")).contains(ModelRuntime.LLAMA_CPP);
        assertThat(of("python3", "-m", "llama_cpp.server", "--model", "m.gguf")).contains(ModelRuntime.LLAMA_CPP);
        // ollama: the server and the runner it starts per loaded model
        assertThat(of("/usr/local/bin/ollama", "serve")).contains(ModelRuntime.OLLAMA);
        assertThat(of("/usr/bin/ollama", "runner", "--model", "/root/.ollama/models/blobs/sha256-6a0746a1ec1a", "--port", "33421"))
                .contains(ModelRuntime.OLLAMA);
        // TGI's launcher and shard processes (text-generation-inference README: text-generation-launcher --model-id ...)
        assertThat(of("text-generation-launcher", "--model-id", "HuggingFaceH4/zephyr-7b-beta")).contains(ModelRuntime.TGI);
        assertThat(of("/opt/conda/bin/python3.11", "/opt/conda/bin/text-generation-server", "serve", "x")).contains(ModelRuntime.TGI);
        // SGLang docs: python3 -m sglang.launch_server --model-path meta-llama/Meta-Llama-3.1-8B-Instruct
        assertThat(of("python3", "-m", "sglang.launch_server", "--model-path", "meta-llama/Meta-Llama-3.1-8B-Instruct"))
                .contains(ModelRuntime.SGLANG);
        assertThat(of("sglang::scheduler_TP0")).contains(ModelRuntime.SGLANG);
        assertThat(of("trtllm-serve", "TinyLlama/TinyLlama-1.1B-Chat-v1.0")).contains(ModelRuntime.TENSORRT_LLM);
        assertThat(of("/opt/tritonserver/bin/tritonserver", "--model-repository=/models")).contains(ModelRuntime.TRITON);
    }

    @Test
    void otherProgramsAndArgumentValuesAreNotRuntimes() {
        assertThat(of("python", "train.py", "--out", "/data/vllm")).isEmpty();
        assertThat(of("/usr/bin/kwin_wayland")).isEmpty();
        assertThat(of("ffmpeg", "-i", "llama-server.mp4")).isEmpty();
        assertThat(of("python3", "-m", "pytest", "tests/test_vllm.py")).isEmpty();
        assertThat(of("bash", "-c", "vllm serve x")).isEmpty();
        assertThat(of()).isEmpty();
    }
}
