package dev.headroom.cli;

import dev.headroom.advisor.Advisor;
import dev.headroom.advisor.Machine;
import dev.headroom.advisor.Machines;
import dev.headroom.catalog.AcceleratorCatalog;
import dev.headroom.sizing.hardware.GpuInfo;
import dev.headroom.sizing.memory.DeploymentRequest;
import dev.headroom.sizing.units.ByteUnits;
import dev.headroom.catalog.AcceleratorSpec;
import dev.headroom.advisor.models.ModelResolver;
import dev.headroom.advisor.models.NamedModel;
import dev.headroom.catalog.CatalogModel;
import dev.headroom.catalog.scan.ScanEnvironment;
import dev.headroom.catalog.ModelCatalog;
import dev.headroom.sizing.memory.KvCacheFormat;
import dev.headroom.sizing.memory.MemoryBreakdown;
import dev.headroom.sizing.memory.MemoryRequest;
import dev.headroom.sizing.memory.RuntimeProfile;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.quant.Names;
import dev.headroom.sizing.quant.Precision;
import dev.headroom.sizing.training.Optimizer;
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

    @Option(names = "--split-mode", paramLabel = "MODE", description = "How several GPUs share the model: layer (llama.cpp's and Ollama's default)"
            + " or row (llama.cpp -sm row; vLLM's tensor parallelism).")
    String splitMode;

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
        if (train == null && !m.local() && dev.headroom.catalog.CatalogWorkload.of(m.catalogModel()).isPresent()) {
            return sizeWorkload(m.catalogModel());
        }
        if (!m.hasArchitecture()) {
            throw new IllegalArgumentException("model: '" + m.id() + "' has neither a transformer architecture nor a workload shape in the catalog");
        }
        ModelArchitecture arch = m.architecture();
        RuntimeProfile rt = RuntimeProfile.parse(runtime);
        if (flashAttention) {
            rt = rt.withFlashAttention(true);
        }
        if (splitMode != null) {
            rt = rt.withSplitMode(dev.headroom.sizing.memory.SplitMode.parse(splitMode));
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
            MemoryBreakdown memory = dev.headroom.advisor.Sizing.training(arch, plan);
            report = SizeReport.training(m, plan, memory, accelerator);
        } else {
            long ctx = context != null ? context
                    : rt.defaultContextTokens() > 0 ? Math.min(rt.defaultContextTokens(), arch.maxContext()) : arch.maxContext();
            if (ctx > arch.maxContext() && !allowRopeScaling) {
                throw new IllegalArgumentException("--context: " + ctx + " tokens exceeds " + m.id() + "'s maximum of " + arch.maxContext()
                        + " (add --allow-rope-scaling to size it anyway)");
            }
            MemoryRequest request = new MemoryRequest(arch, precision, ctx, batch, kv, rt, gpus);
            report = SizeReport.inference(m, request, dev.headroom.advisor.Sizing.inference(request), accelerator);
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

    @Option(names = "--resolution", paramLabel = "PX", description = "Image side for vision and diffusion models (default: the model's).")
    Integer resolution;

    @Option(names = "--audio-seconds", paramLabel = "S", description = "Audio per input for speech models (default: 30).")
    Double audioSeconds;

    @Option(names = "--steps", paramLabel = "N", description = "Denoising steps for diffusion models (default: the model's).")
    Integer steps;

    @Option(names = "--tokens", paramLabel = "N", description = "Tokens per input for encoders and embedders (default: 128).")
    Integer tokens;

    /**
     * A model of another domain (vision, speech, embeddings, diffusion, time series, tabular): its memory breakdown
     * (no KV cache unless it decodes) and throughput in the domain's unit, on this machine or --device/--hardware.
     */
    private int sizeWorkload(CatalogModel m) {
        Machine machine = machineOptions.machine(Machines.standard());
        dev.headroom.sizing.workload.WorkloadRequest r = dev.headroom.sizing.workload.WorkloadRequest.cpu(batch);
        if (resolution != null) {
            r = r.withResolution(resolution);
        }
        if (audioSeconds != null) {
            r = r.withAudioSeconds(audioSeconds);
        }
        if (steps != null) {
            r = r.withSteps(steps);
        }
        if (tokens != null) {
            r = r.withTokens(tokens);
        }
        dev.headroom.advisor.WorkloadAdvice a = new Advisor(ModelCatalog.bundled()).adviseWorkload(machine, m, r,
                dev.headroom.catalog.CatalogWorkload.DEFAULT_TRAINING_ROWS);
        var e = a.estimate();
        java.io.PrintWriter out = spec.commandLine().getOut();
        if (json) {
            var root = Json.object();
            root.put("model", m.id());
            root.put("parameters", m.parameterCount());
            root.put("domain", m.domains().get(0));
            root.put("batch", batch);
            root.put("where", a.where());
            root.put("precision", a.precision());
            root.put("fits", a.fits());
            root.put("neededBytes", a.neededBytes());
            root.put("availableBytes", a.availableBytes());
            root.put("headroomBytes", a.headroomBytes());
            var mem = root.putObject("memory");
            mem.put("totalBytes", e.totalBytes());
            var parts = mem.putArray("breakdown");
            for (var c : e.memory().components()) {
                var p = parts.addObject();
                p.put("name", c.name());
                p.put("bytes", c.bytes());
                p.put("origin", c.origin().name());
                p.put("note", c.note());
            }
            var t = root.putObject("throughput");
            t.put("unit", e.throughput().unit().label());
            dev.headroom.advisor.json.AdviceJson.number(t, "itemsPerSecond", e.throughput().itemsPerSecond());
            t.put("headline", e.throughput().headline());
            t.put("bound", e.bound().label());
            root.put("machine", machine.origin());
            root.put("calibration", machine.calibrationLabel());
            e.notes().forEach(root.putArray("notes")::add);
            out.println(Json.write(root));
            return ExitCodes.OK;
        }
        out.printf(java.util.Locale.ROOT, "%s  %s  batch %d  on %s: %s %s%n%n", m.id(), m.domains().get(0), batch, machine.origin(), a.where(), a.precision());
        Table t = new Table("component", "size>", "bytes>", "origin", "note");
        for (var c : e.memory().components()) {
            t.row(c.name(), ByteUnits.formatIec(c.bytes()), c.bytes(), c.origin(), c.note());
        }
        t.row("total", ByteUnits.formatIec(e.totalBytes()), e.totalBytes(), "", "sum of the parts");
        t.print(out);
        out.println();
        out.println("speed   " + e.throughput().headline() + " (" + e.bound().label() + "-bound; " + machine.calibrationLabel() + ")");
        out.println("fits    " + (a.fits() ? "yes, " + ByteUnits.formatIec(a.headroomBytes()) + " left of " + ByteUnits.formatIec(a.availableBytes())
                : "no, short by " + ByteUnits.formatIec(-a.headroomBytes())));
        e.notes().forEach(n -> out.println("note    " + n));
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
