package dev.headroom.advisor.catalog;

import dev.headroom.advisor.Advice;
import dev.headroom.advisor.Advisor;
import dev.headroom.advisor.FitPolicy;
import dev.headroom.advisor.Machine;
import dev.headroom.advisor.WorkloadAdvice;
import dev.headroom.catalog.CatalogModel;
import dev.headroom.catalog.ModelDetails;
import dev.headroom.catalog.ParameterBasis;
import dev.headroom.catalog.SizeTier;
import dev.headroom.catalog.files.ModelFiles;
import dev.headroom.sizing.Estimate;
import dev.headroom.sizing.Estimator;
import dev.headroom.sizing.hardware.GpuInfo;
import dev.headroom.sizing.hardware.HardwareProfile;
import dev.headroom.sizing.memory.DeploymentRequest;
import dev.headroom.sizing.memory.KvCacheModel;
import dev.headroom.sizing.memory.RuntimeProfile;
import dev.headroom.sizing.quant.GgmlType;
import dev.headroom.sizing.quant.Precision;
import java.util.Comparator;
import java.util.List;

/**
 * What fits a machine, for catalog listings and {@code recommend}: decoder LLMs through the advisor's fit
 * policy ({@link Advisor#advise}, the same pick as every fit table); other models from
 * their weights (FP16 on a GPU, FP32 on a CPU) plus their activation estimate plus a framework allowance;
 * classical models from the size tier of the training rows; local files from their exact tensor bytes.
 */
public final class FitCalculator {
    /** Allowance for a Python framework runtime (PyTorch / ONNX Runtime) beyond weights and activations: an estimate. */
    static final long FRAMEWORK_BYTES = 512L << 20;

    private final Machine machine;
    private final Advisor advisor;
    private final HardwareProfile hw;
    private final Estimator estimator;
    private final long context;
    private final FitPolicy policy;

    public FitCalculator(Machine machine, Advisor advisor, long context, FitPolicy policy) {
        this.machine = machine;
        this.advisor = advisor;
        this.hw = machine.hardware();
        this.estimator = machine.estimator();
        this.context = context;
        this.policy = policy;
    }

    public Fit of(CatalogModel m, long rows) {
        if (!m.hostable()) {
            return Fit.apiOnly();
        }
        if (m.hasArchitecture() && m.domains().contains("llm")) {
            long ctx = Math.min(context, m.architecture().maxContext());
            Advice a = advisor.advise(machine, m, ctx, policy);
            Estimate e = a.pick();
            return new Fit(a.fits(), e.placement().label(), e.request().precision().displayName(), e.placement().neededBytes(),
                    e.speed().known() ? e.speed().decodeTokensPerSecond() : -1, "tok/s",
                    "fit policy (" + a.reason() + "), llama.cpp, context " + ctx + "; " + machine.calibrationLabel());
        }
        if (dev.headroom.catalog.CatalogWorkload.of(m, rows).isPresent()) {
            WorkloadAdvice a = advisor.adviseWorkload(machine, m, dev.headroom.sizing.workload.WorkloadRequest.cpu(1), rows);
            var t = a.estimate().throughput();
            return new Fit(a.fits(), a.where(), a.precision(), a.neededBytes(), t.itemsPerSecond(), t.unit().label(),
                    "workload model (" + a.estimate().bound().label() + "-bound): " + t.headline() + (a.note().isEmpty() ? "" : "; " + a.note())
                            + "; " + machine.calibrationLabel());
        }
        ModelDetails d = m.details();
        if (d.downloadBytes() > 0) {
            return placed(d.downloadBytes() + FRAMEWORK_BYTES, false, "file", -1, "published file size + framework allowance");
        }
        return Fit.unknown("no published size or shape");
    }

    /** Exact tensor bytes of local files, plus the KV cache for the context when the architecture is known. */
    public Fit of(ModelFiles f) {
        long kv = 0;
        String basis = "exact tensor bytes";
        if (f.hasArchitecture()) {
            long ctx = Math.min(context, f.architecture().maxContext());
            RuntimeProfile rt = RuntimeProfile.LLAMA_CPP;
            kv = KvCacheModel.bytes(f.architecture(), ctx, 1, dev.headroom.sizing.memory.KvCacheFormat.F16, rt.kvAllocationTokens(),
                    rt.microBatchTokens());
            basis += " + F16 KV cache for " + ctx + " tokens";
        }
        long need = f.tensorBytes() + kv + RuntimeProfile.LLAMA_CPP.fixedOverheadBytes();
        double rate = -1;
        if (f.hasArchitecture()) {
            double bw = largestGpu() != null && estimator.gpu() != null ? estimator.gpu().bandwidthBytesPerSecond() : estimator.cpu().bandwidthBytesPerSecond();
            rate = bw / Math.max(1, f.tensorBytes());
        }
        return placed(need, largestGpu() != null, "file", rate, basis + " + llama.cpp overhead" + (rate > 0 ? "; tok/s <= bandwidth / weight bytes" : ""))
                .withUnit(rate > 0 ? "tok/s" : "");
    }

    private Fit placed(long need, boolean preferGpu, String precision, double rate, String basis) {
        GpuInfo g = largestGpu();
        if (preferGpu && g != null && need <= g.usableBytes()) {
            return new Fit(true, "GPU", precision, need, rate, rate > 0 ? "items/s" : "", basis);
        }
        long ram = hw.memory().effectiveAvailableBytes();
        return new Fit(need <= ram, need <= ram ? "CPU" : "no fit", precision, need, rate, rate > 0 ? "items/s" : "", basis);
    }

    private GpuInfo largestGpu() {
        return hw.gpus().stream().max(Comparator.comparingLong(GpuInfo::memoryTotalBytes)).orElse(null);
    }
}
