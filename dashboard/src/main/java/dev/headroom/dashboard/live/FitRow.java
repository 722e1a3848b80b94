package dev.headroom.dashboard.live;

import dev.headroom.advisor.Advice;
import dev.headroom.catalog.CatalogModel;
import dev.headroom.sizing.Estimate;

/**
 * One line of the "what fits now" table: a catalog model and the advisor's advice for it.
 */
public record FitRow(CatalogModel model, Advice advice) {
    public FitRow {
        if (model == null || advice == null) {
            throw new IllegalArgumentException("model and advice are required");
        }
    }

    /** The estimate at the fit policy's pick. */
    public Estimate estimate() {
        return advice.pick();
    }
}
