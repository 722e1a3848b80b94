package dev.headroom.cli;

import dev.headroom.advisor.Advisor;
import dev.headroom.advisor.Machine;
import dev.headroom.advisor.Machines;
import dev.headroom.catalog.AcceleratorCatalog;
import dev.headroom.sizing.hardware.GpuInfo;
import dev.headroom.sizing.memory.DeploymentRequest;
import dev.headroom.catalog.AcceleratorSpec;
import dev.headroom.advisor.models.ModelResolver;
import dev.headroom.advisor.models.NamedModel;
import dev.headroom.catalog.scan.ScanEnvironment;
import dev.headroom.catalog.ModelCatalog;
import dev.headroom.sizing.memory.KvCacheFormat;
import dev.headroom.sizing.memory.MemoryBreakdown;
import dev.headroom.sizing.memory.MemoryModel;
import dev.headroom.sizing.memory.MemoryRequest;
import dev.headroom.sizing.memory.RuntimeProfile;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.quant.Names;
import dev.headroom.sizing.quant.Precision;
import dev.headroom.sizing.training.Optimizer;
import dev.headroom.sizing.training.TrainingMemory;
import dev.headroom.sizing.training.TrainingMethod;
import dev.headroom.sizing.training.TrainingPlan;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code headroom size MODEL}: the memory one model needs, as a sourced breakdown, for inference or
 * fine-tuning; with {@code --device}, whether it fits there and the most it can do (context,
 * sequences, offload, precision, GPUs).
 */
@Command(name = "size", mixinStandardHelpOptions = true,
        description = "Memory a model (catalog id, file, Hugging Face cache repo, Ollama name) needs: weights, KV cache, compute buffer, runtime overhead (or training parts).")
public final class SizeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "Catalog id or alias (llama-3-8b, meta-llama/Meta-Llama-3-8B), a path to a .gguf, "
            + ".safetensors, config.json or model folder, a Hugging Face cache repo id, or an Ollama model (llama3.1:8b); local files are sized by their exact bytes.")
    String model;

    @Option(names = "--home", paramLabel = "DIR", hidden = true, description = "Treat DIR as the home directory for the model caches (tests, containers).")
    java.nio.file.Path home;

    @Option(names = "--quant", paramLabel = "Q", description = "Weight precision: F16, BF16, Q8_0, Q6_K, Q5_K_M, Q4_K_M, Q4_0, ..., FP8, INT8, GPTQ, AWQ, NF4 (default: Q4_K_M for llama.cpp/ollama, BF16 for vllm/transformers).")
    String quant;

    @Option(names = "--context", paramLabel = "N", converter = TokenCountConverter.class, description = "Context tokens per sequence (default: the runtime's default, capped at the model's maximum; 2048 for training).")
    Long context;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1", description = "Sequences at once / training micro-batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--kv-quant", paramLabel = "Q", description = "KV cache format: F16, BF16, F32, FP8, Q8_0, Q4_0 (default F16; BF16 for vllm/transformers).")
    String kvQuant;

    @Option(names = "--runtime", paramLabel = "R", defaultValue = "llama.cpp", description = "llama.cpp, ollama, vllm, transformers (default: ${DEFAULT-VALUE}).")
    String runtime;

    @Option(names = "--flash-attention", description = "Attention without a stored score matrix (llama.cpp -fa).")
    boolean flashAttention;

    @Option(names = "--gpus", paramLabel = "N", defaultValue = "1", description = "GPUs for tensor parallelism; sizes are then per GPU (default: ${DEFAULT-VALUE}).")
    int gpus;

    @picocli.CommandLine.Mixin
    MachineOptions machineOptions = new MachineOptions();

    @Option(names = "--train", paramLabel = "METHOD", description = "Size fine-tuning instead of inference: full, lora, qlora.")
    String train;

    @Option(names = "--optimizer", paramLabel = "O", defaultValue = "adamw", description = "adamw, adamw_8bit, sgd_momentum (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lora-rank", paramLabel = "R", defaultValue = "16", description = "LoRA rank (default: ${DEFAULT-VALUE}).")
    int loraRank;

    @Option(names = "--fp32", description = "Full fine-tuning in FP32 instead of mixed precision.")
    boolean fp32;

    @Option(names = "--no-checkpointing", description = "Train without gradient checkpointing.")
    boolean noCheckpointing;

    @Option(names = "--allow-rope-scaling", description = "Size a context beyond the model's trained maximum (RoPE scaling); printed as such.")
    boolean allowRopeScaling;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;

    @Override
    public Integer call() {
        NamedModel m = (home != null ? ModelResolver.of(new ScanEnvironment(home, System.getenv())) : ModelResolver.installed()).resolve(model);
        if (!m.hasArchitecture()) {
            throw new IllegalArgumentException("model: '" + m.id() + "' has no transformer architecture in the catalog; size it with its activation figures");
        }
        ModelArchitecture arch = m.architecture();
        RuntimeProfile rt = RuntimeProfile.parse(runtime);
        if (flashAttention) {
            rt = rt.withFlashAttention(true);
        }
        boolean ggufRuntime = rt.loadsGguf();
        Precision precision = m.precision(quant != null ? Precision.parse(quant) : null, ggufRuntime ? Precision.Q4_K_M : Precision.BF16);
        KvCacheFormat kv = kvQuant != null ? KvCacheFormat.parse(kvQuant) : ggufRuntime ? KvCacheFormat.F16 : KvCacheFormat.BF16;
        Machine machine = machineOptions.local() ? null : machineOptions.machine(Machines.standard());
        AcceleratorSpec accelerator = machine == null ? null : largestGpuSpec(machine);
        SizeReport report;
        if (train != null) {
            TrainingMethod method = TrainingMethod.parse(train);
            long seq = context != null ? context : 2048;
            TrainingPlan plan = new TrainingPlan(method, Optimizer.parse(optimizer), !fp32, loraRank, 4, !noCheckpointing,
                    batch, seq, true);
            MemoryBreakdown memory = TrainingMemory.estimate(arch, plan);
            report = SizeReport.training(m, plan, memory, accelerator);
        } else {
            long ctx = context != null ? context
                    : rt.defaultContextTokens() > 0 ? Math.min(rt.defaultContextTokens(), arch.maxContext()) : arch.maxContext();
            if (ctx > arch.maxContext() && !allowRopeScaling) {
                throw new IllegalArgumentException("--context: " + ctx + " tokens exceeds " + m.id() + "'s maximum of " + arch.maxContext()
                        + " (add --allow-rope-scaling to size it anyway)");
            }
            MemoryRequest request = new MemoryRequest(arch, precision, ctx, batch, kv, rt, gpus);
            report = SizeReport.inference(m, request, MemoryModel.estimate(request), accelerator);
            if (machine != null && kv != KvCacheFormat.FP8 && gpus == 1) {
                DeploymentRequest deployment = new DeploymentRequest(arch, precision, ctx, batch,
                        dev.headroom.sizing.quant.GgmlType.valueOf(kv.name()), rt);
                report = report.withEstimate(machine, new Advisor(ModelCatalog.bundled()).estimate(machine, deployment));
            }
        }
        if (json) {
            spec.commandLine().getOut().println(Json.write(report.json()));
        } else {
            report.print(spec.commandLine().getOut());
        }
        return ExitCodes.OK;
    }

    /** The catalog spec of the machine's largest GPU, or null (CPU-only machine, unknown GPU). */
    private static AcceleratorSpec largestGpuSpec(Machine machine) {
        return machine.hardware().gpus().stream().max(java.util.Comparator.comparingLong(GpuInfo::memoryTotalBytes))
                .map(g -> Machines.standard().accelerators().match(g.name(), g.pciId())).orElse(null);
    }

    static AcceleratorSpec accelerator(String name) {
        AcceleratorCatalog catalog = AcceleratorCatalog.bundled();
        AcceleratorSpec spec = name.isBlank() ? null : catalog.match(name);
        if (spec == null) {
            var names = catalog.all().stream().map(AcceleratorSpec::name).toList();
            throw new IllegalArgumentException("device: unknown '" + name + "'; did you mean " + Names.nearest(name, names)
                    + "? valid: " + String.join(", ", names));
        }
        return spec;
    }
}
