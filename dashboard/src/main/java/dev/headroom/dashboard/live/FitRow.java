package dev.headroom.dashboard.live;

import dev.headroom.catalog.CatalogModel;
import dev.headroom.sizing.Estimate;

/**
 * One line of the "what fits now" table: a catalog model at the best precision of the ladder that fits
 * (or the smallest one, when none does).
 */
public record FitRow(CatalogModel model, Estimate estimate) {
    public FitRow {
        if (model == null || estimate == null) {
            throw new IllegalArgumentException("model and estimate are required");
        }
    }
}
