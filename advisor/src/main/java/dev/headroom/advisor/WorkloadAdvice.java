package dev.headroom.advisor;

import dev.headroom.catalog.CatalogModel;
import dev.headroom.sizing.workload.WorkloadEstimate;

/**
 * The advice for a model that is not a decoder LLM (vision, speech, embeddings, diffusion, time series,
 * tabular): where it runs, at which precision, how much memory it needs there and its throughput in the
 * domain's unit.
 *
 * @param model the catalog entry
 * @param estimate memory breakdown and throughput on the chosen device
 * @param where {@code GPU}, {@code CPU} or {@code no fit}
 * @param precision {@code FP16} (GPU) or {@code FP32} (CPU)
 * @param availableBytes memory of the pool used (for {@code no fit}: the largest pool)
 * @param note how the workload was built (catalog shape; "estimate" when FLOPs are headroom's own)
 */
public record WorkloadAdvice(CatalogModel model, WorkloadEstimate estimate, String where, String precision, long availableBytes,
                             String note) {
    public boolean fits() {
        return !where.equals("no fit");
    }

    public long neededBytes() {
        return estimate.totalBytes();
    }

    public long headroomBytes() {
        return availableBytes - neededBytes();
    }
}
