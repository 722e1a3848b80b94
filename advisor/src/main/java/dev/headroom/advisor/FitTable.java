package dev.headroom.advisor;

import dev.headroom.catalog.CatalogModel;
import java.util.List;

/**
 * A fit table: the machine it was computed for, the query, and one row per model.
 *
 * @param machine the machine (with the calibration used, or none)
 * @param query what was asked
 * @param rows grouped by verdict, ordered by the query's sort
 */
public record FitTable(Machine machine, FitQuery query, List<Row> rows) {
    public FitTable {
        rows = List.copyOf(rows);
    }

    /** One model's advice. */
    public record Row(CatalogModel model, Advice advice) {
    }

    public long fittingCount() {
        return rows.stream().filter(r -> r.advice().fits()).count();
    }
}
