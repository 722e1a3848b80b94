package dev.headroom.advisor;

import dev.headroom.catalog.CatalogModel;
import dev.headroom.catalog.ModelCatalog;
import dev.headroom.sizing.quant.Precision;
import dev.headroom.sizing.serving.Arrivals;
import dev.headroom.sizing.serving.GpuOption;
import dev.headroom.sizing.serving.LengthDistribution;
import dev.headroom.sizing.serving.PlanCandidate;
import dev.headroom.sizing.serving.ServingTargets;
import dev.headroom.sizing.serving.Workload;
import java.util.ArrayList;
import java.util.List;

/**
 * A serving-plan question as both front ends receive it ({@code headroom plan} options, {@code /api/plan}
 * parameters), turned into the engine's request in one place, so the same question gives the same plan.
 *
 * @param model catalog id or alias
 * @param users concurrent users (closed loop), or null
 * @param rate Poisson requests per second, or null (exactly one of users and rate)
 * @param promptTokens prompt length: {@code N}, {@code uniform:A-B}, {@code lognormal:MEDIAN,SIGMA[,MAX]}
 * @param outputTokens output length, same forms
 * @param ttftP95Seconds target, or null
 * @param tpotP95Seconds target, or null
 * @param tokensPerUser target, or null
 * @param devices candidate GPUs by name; empty for the machine's own
 * @param gpus tensor-parallel degrees to try
 * @param gpusPerHost GPUs in one host
 * @param pricePerGpuHour price, or null
 * @param quants precisions to try; empty for {@link Planner#PRECISIONS}
 */
public record PlanSpec(String model, Integer users, Double rate, String promptTokens, String outputTokens, Double ttftP95Seconds,
                       Double tpotP95Seconds, Double tokensPerUser, List<String> devices, List<Integer> gpus, int gpusPerHost,
                       Double pricePerGpuHour, List<String> quants) {
    public PlanSpec {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model: missing; e.g. llama-3-8b");
        }
        if ((users == null) == (rate == null)) {
            throw new IllegalArgumentException("plan: give users or rate (one of them)");
        }
        devices = devices == null ? List.of() : List.copyOf(devices);
        gpus = gpus == null || gpus.isEmpty() ? List.of(1, 2, 4, 8) : List.copyOf(gpus);
        quants = quants == null ? List.of() : List.copyOf(quants);
        promptTokens = promptTokens == null ? "1000" : promptTokens;
        outputTokens = outputTokens == null ? "200" : outputTokens;
        if (gpusPerHost <= 0) {
            gpusPerHost = Planner.DEFAULT_GPUS_PER_HOST;
        }
    }

    public ServingTargets targets() {
        return new ServingTargets(ttftP95Seconds == null ? Double.POSITIVE_INFINITY : ttftP95Seconds,
                tpotP95Seconds == null ? Double.POSITIVE_INFINITY : tpotP95Seconds, tokensPerUser == null ? 0 : tokensPerUser);
    }

    public Workload workload() {
        return Workload.of(users != null ? new Arrivals.ClosedLoop(users, 0) : new Arrivals.Poisson(rate),
                LengthDistribution.parse("prompt-tokens", promptTokens), LengthDistribution.parse("output-tokens", outputTokens));
    }

    /**
     * The plan: candidates from {@link #devices()} (else {@code ownMachine}'s GPUs), every precision and degree.
     *
     * @param ownMachine the machine to plan on when no device is named (may be null when devices are given)
     */
    public List<PlanCandidate> plan(Planner planner, ModelCatalog catalog, Machine ownMachine) {
        double price = pricePerGpuHour == null ? Double.NaN : pricePerGpuHour;
        List<GpuOption> candidates = new ArrayList<>();
        for (String d : devices) {
            candidates.add(planner.named(d, gpus, gpusPerHost, price));
        }
        if (candidates.isEmpty()) {
            if (ownMachine == null) {
                throw new IllegalArgumentException("plan: name a device (e.g. H100 SXM)");
            }
            candidates.add(planner.of(ownMachine, price));
        }
        List<Precision> precisions = new ArrayList<>();
        quants.forEach(q -> precisions.add(Precision.parse(q)));
        CatalogModel m = catalog.get(model);
        return planner.plan(m, workload(), targets(), candidates, precisions);
    }
}
