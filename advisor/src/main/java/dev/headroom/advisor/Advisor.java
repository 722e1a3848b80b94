package dev.headroom.advisor;

import dev.headroom.catalog.CatalogModel;
import dev.headroom.catalog.CatalogWorkload;
import dev.headroom.sizing.hardware.GpuInfo;
import dev.headroom.sizing.workload.DomainEstimator;
import dev.headroom.sizing.workload.WorkloadEstimate;
import dev.headroom.sizing.workload.WorkloadRequest;
import dev.headroom.catalog.ModelCatalog;
import dev.headroom.sizing.Estimate;
import dev.headroom.sizing.Estimator;
import dev.headroom.sizing.memory.DeploymentRequest;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.quant.Precision;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The one answer to "does model M run on machine H, at which precision, how fast": every surface (CLI
 * tables and JSON, {@code check}, the dashboard API and {@code /metrics}, {@code validate}) asks this class,
 * and none computes fit or speed itself ({@code SurfaceContractTest} proves it).
 */
public final class Advisor {
    /** The context every fit table sizes models for, capped at each model's maximum. */
    public static final long DEFAULT_CONTEXT = 4096;

    private final ModelCatalog models;

    public Advisor(ModelCatalog models) {
        this.models = models;
    }

    public ModelCatalog models() {
        return models;
    }

    /** One deployment at one precision: memory, placement, speed (default speed point). */
    public Estimate estimate(Machine machine, DeploymentRequest request) {
        return machine.estimator().estimate(request);
    }

    /** One deployment at one precision, speeds at {@code point}. */
    public Estimate estimate(Machine machine, DeploymentRequest request, Estimator.SpeedPoint point) {
        return machine.estimator().estimate(request, point);
    }

    /** The policy's pick for a request, trying every precision of the policy's ladder (the request's own precision is ignored). */
    public Advice advise(Machine machine, String modelId, DeploymentRequest base, FitPolicy policy) {
        Estimator estimator = machine.estimator();
        List<Estimate> estimates = new ArrayList<>(policy.ladder().size());
        for (Precision p : policy.ladder()) {
            estimates.add(estimator.estimate(base.withPrecision(p)));
        }
        return policy.choose(modelId, estimates);
    }

    /** The policy's pick for a catalog model at {@code context} tokens (capped at its maximum), one sequence, llama.cpp. */
    public Advice advise(Machine machine, CatalogModel model, long context, FitPolicy policy) {
        ModelArchitecture a = model.architecture();
        return advise(machine, model.id(), DeploymentRequest.of(a, policy.ladder().get(0), Math.min(context, a.maxContext())), policy);
    }

    /**
     * A model of another domain on a machine: FP16 on the largest GPU when its speed is known and the model fits
     * there, else FP32 on the CPU (ONNX Runtime / PyTorch defaults), else what is short; memory and throughput from
     * the engine's workload model of the family ({@link DomainEstimator}), at {@code request}'s batch and input.
     *
     * @throws IllegalArgumentException when the entry has nothing to compute from (LLMs go through {@link #advise})
     */
    public WorkloadAdvice adviseWorkload(Machine machine, CatalogModel model, WorkloadRequest request, long trainingRows) {
        CatalogWorkload w = CatalogWorkload.of(model, trainingRows).orElseThrow(() -> new IllegalArgumentException(
                "model: '" + model.id() + "' has no workload model (an LLM, API-only, or without published shape)"));
        GpuInfo gpu = machine.hardware().gpus().stream().max(Comparator.comparingLong(GpuInfo::usableBytes)).orElse(null);
        long ram = machine.hardware().memory().effectiveAvailableBytes();
        if (gpu != null && machine.gpu() != null) {
            WorkloadRequest onGpu = WorkloadRequest.gpu(request.batch()).withResolution(request.resolution()).withTokens(request.tokens())
                    .withAudioSeconds(request.audioSeconds()).withOutputTokens(request.outputTokens()).withSteps(request.steps());
            WorkloadEstimate e = DomainEstimator.estimate(w.model(), onGpu, machine.gpu());
            if (e.totalBytes() <= gpu.usableBytes()) {
                return new WorkloadAdvice(model, e, "GPU", "FP16", gpu.usableBytes(), w.note());
            }
        }
        WorkloadRequest onCpu = WorkloadRequest.cpu(request.batch()).withResolution(request.resolution()).withTokens(request.tokens())
                .withAudioSeconds(request.audioSeconds()).withOutputTokens(request.outputTokens()).withSteps(request.steps());
        WorkloadEstimate e = DomainEstimator.estimate(w.model(), onCpu, machine.cpu());
        if (e.totalBytes() <= ram) {
            return new WorkloadAdvice(model, e, "CPU", "FP32", ram, w.note());
        }
        long largest = Math.max(ram, gpu == null ? 0 : gpu.usableBytes());
        return new WorkloadAdvice(model, e, "no fit", "FP32", largest, w.note());
    }

    /** Models of a domain other than LLMs for {@code fit --domain}: every entry with a workload model, in catalog order. */
    public List<WorkloadAdvice> workloadTable(Machine machine, String domain, int batch) {
        List<WorkloadAdvice> out = new ArrayList<>();
        for (CatalogModel m : models.all()) {
            if (!m.hostable() || (domain != null && !m.domains().contains(domain)) || m.domains().equals(List.of("llm"))) {
                continue;
            }
            if (CatalogWorkload.of(m).isEmpty()) {
                continue;
            }
            out.add(adviseWorkload(machine, m, WorkloadRequest.cpu(batch), CatalogWorkload.DEFAULT_TRAINING_ROWS));
        }
        out.sort(Comparator.comparingInt((WorkloadAdvice a) -> a.fits() ? 0 : 1)
                .thenComparing(Comparator.comparingDouble((WorkloadAdvice a) -> -a.estimate().throughput().itemsPerSecond())));
        return out;
    }

    /** The models a fit table covers: hostable, with a transformer architecture, optionally one domain and family. */
    public List<CatalogModel> tableModels(FitQuery q) {
        List<CatalogModel> out = new ArrayList<>();
        for (CatalogModel m : models.all()) {
            if (!m.hasArchitecture() || !m.hostable()) {
                continue;
            }
            if (q.domain() != null && !m.domains().contains(q.domain())) {
                continue;
            }
            if (q.family() != null && !m.family().toLowerCase(Locale.ROOT).contains(q.family().toLowerCase(Locale.ROOT))
                    && !m.id().startsWith(q.family().toLowerCase(Locale.ROOT))) {
                continue;
            }
            out.add(m);
        }
        return out;
    }

    /** The fit table: one row per model of {@link #tableModels}, grouped by verdict, sorted and cut as the query says. */
    public FitTable table(Machine machine, FitQuery q) {
        List<FitTable.Row> rows = new ArrayList<>();
        for (CatalogModel m : tableModels(q)) {
            Advice a = advise(machine, m, q.contextTokens(), q.policy());
            if (q.fitsOnly() && !a.fits()) {
                continue;
            }
            rows.add(new FitTable.Row(m, a));
        }
        rows.sort(Comparator.comparing((FitTable.Row r) -> r.advice().verdict()).thenComparing(q.sort().comparator()));
        if (q.top() > 0 && rows.size() > q.top()) {
            rows = new ArrayList<>(rows.subList(0, q.top()));
        }
        return new FitTable(machine, q, rows);
    }
}
