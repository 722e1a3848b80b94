package dev.headroom.dashboard.live;

import java.util.List;

/**
 * What fits on this machine at one instant.
 *
 * @param epochMillis when it was computed
 * @param contextTokens the context each model was sized for (capped at each model's maximum)
 * @param hostAvailableBytes the host memory budget the table was computed with
 * @param gpuFreeBytes the free memory of each GPU the table was computed with
 * @param rows one row per hostable catalog model with an architecture, in catalog order
 */
public record FitTable(long epochMillis, long contextTokens, long hostAvailableBytes, List<Long> gpuFreeBytes,
                       List<FitRow> rows) {
    public FitTable {
        gpuFreeBytes = List.copyOf(gpuFreeBytes);
        rows = List.copyOf(rows);
    }

    public long fittingCount() {
        return rows.stream().filter(r -> r.advice().fits()).count();
    }
}
