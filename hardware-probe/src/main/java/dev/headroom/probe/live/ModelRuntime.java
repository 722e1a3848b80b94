package dev.headroom.probe.live;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The model-serving runtimes recognised from a process's command line ({@code /proc/PID/cmdline}) or, where
 * the process is not visible, the name the GPU driver reports. Recognition looks at the executable's
 * name, the module a Python interpreter runs ({@code python -m vllm.entrypoints.openai.api_server}), the
 * script or console entry point ({@code vllm serve}, {@code trtllm-serve}), and the process titles runtimes
 * give their workers ({@code VLLM::EngineCore}, {@code sglang::scheduler}); never an argument's value, so
 * {@code python train.py --out /data/vllm} is not vLLM.
 */
public enum ModelRuntime {
    LLAMA_CPP("llama.cpp"),
    OLLAMA("ollama"),
    VLLM("vllm"),
    TGI("text-generation-inference"),
    SGLANG("sglang"),
    TENSORRT_LLM("tensorrt-llm"),
    TRITON("triton");

    private final String label;

    ModelRuntime(String label) {
        this.label = label;
    }

    /** The {@code runtime} label value. */
    public String label() {
        return label;
    }

    /** The runtime {@code argv} runs, if it is one of these. */
    public static Optional<ModelRuntime> recognise(List<String> argv) {
        if (argv.isEmpty()) {
            return Optional.empty();
        }
        String title = argv.get(0).strip().toLowerCase(Locale.ROOT);
        // Process titles set by the runtimes' own workers (setproctitle), one argument with spaces.
        if (title.startsWith("vllm::")) {
            return Optional.of(VLLM);
        }
        if (title.startsWith("sglang::")) {
            return Optional.of(SGLANG);
        }
        String exe = basename(title.split(" ", 2)[0]);
        Optional<ModelRuntime> byExe = byExecutable(exe);
        if (byExe.isPresent()) {
            return byExe;
        }
        if (!exe.matches("python[0-9.]*|pypy[0-9.]*|uv|uvx")) {
            return Optional.empty();
        }
        // An interpreter: the module after -m, else the first argument that is not an option (the script).
        for (int i = 1; i < argv.size() && i < 16; i++) {
            String a = argv.get(i).strip().toLowerCase(Locale.ROOT);
            if (a.equals("-m") && i + 1 < argv.size()) {
                return byModule(argv.get(i + 1).strip().toLowerCase(Locale.ROOT));
            }
            if (a.startsWith("-m") && a.length() > 2) {
                return byModule(a.substring(2));
            }
            if (!a.startsWith("-") && !a.equals("run")) {
                return byExecutable(basename(a).replaceFirst("\\.py$", ""));
            }
        }
        return Optional.empty();
    }

    private static Optional<ModelRuntime> byExecutable(String exe) {
        if (exe.startsWith("llama-server") || exe.equals("llama.cpp") || exe.startsWith("llama-cpp-server")) {
            return Optional.of(LLAMA_CPP);
        }
        if (exe.equals("ollama") || exe.startsWith("ollama_llama_server")) {
            return Optional.of(OLLAMA);
        }
        if (exe.equals("vllm")) {
            return Optional.of(VLLM);
        }
        if (exe.startsWith("text-generation-")) {
            return Optional.of(TGI);
        }
        if (exe.equals("sglang")) {
            return Optional.of(SGLANG);
        }
        if (exe.startsWith("trtllm-")) {
            return Optional.of(TENSORRT_LLM);
        }
        if (exe.equals("tritonserver")) {
            return Optional.of(TRITON);
        }
        return Optional.empty();
    }

    private static Optional<ModelRuntime> byModule(String module) {
        String top = module.split("\\.", 2)[0];
        return switch (top) {
            case "vllm" -> Optional.of(VLLM);
            case "sglang" -> Optional.of(SGLANG);
            case "text_generation_server" -> Optional.of(TGI);
            case "tensorrt_llm" -> Optional.of(TENSORRT_LLM);
            case "llama_cpp" -> Optional.of(LLAMA_CPP); // llama-cpp-python's server: python -m llama_cpp.server
            default -> Optional.empty();
        };
    }

    private static String basename(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        String b = slash >= 0 ? path.substring(slash + 1) : path;
        return b.endsWith(".exe") ? b.substring(0, b.length() - 4) : b;
    }
}
