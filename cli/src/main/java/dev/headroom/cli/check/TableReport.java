package dev.headroom.cli.check;

import dev.headroom.advisor.check.Requirement;
import dev.headroom.advisor.check.RequirementResult;
import dev.headroom.advisor.check.CapacityEvaluator;
import dev.headroom.advisor.check.WorkloadRequirement;
import dev.headroom.sizing.workload.Throughput;
import dev.headroom.sizing.workload.ThroughputUnit;
import java.util.ArrayList;
import java.util.List;
import dev.headroom.cli.Table;
import dev.headroom.sizing.text.SafeText;
import java.io.PrintWriter;

/** The human-readable report: one row per requirement, then the reasons for every failure. */
public final class TableReport {
    private TableReport() {
    }

    public static void print(CheckReport report, PrintWriter out) {
        out.println("Machine  " + SafeText.line(report.machineSummary()) + " (" + SafeText.line(report.hardwareSource()) + ")");
        out.println("File     " + SafeText.line(report.requirementsFile()));
        out.println();
        boolean workloads = anyWorkload(report);
        List<String> headers = new ArrayList<>(List.of("requirement", "verdict", "model", "runs on", "needs>", "available>", "margin>",
                "min margin>", "decode tok/s>", "prefill tok/s>"));
        if (workloads) {
            headers.add("throughput");
        }
        Table t = new Table(headers.toArray(String[]::new));
        for (RequirementResult r : report.results()) {
            Requirement q = r.requirement();
            List<String> row = new ArrayList<>(List.of(q.name(), r.met() ? "met" : "NOT MET", modelLabel(r), r.placement(),
                    CapacityEvaluator.gib(r.neededBytes()), CapacityEvaluator.gib(r.availableBytes()),
                    margin(r), q.minHeadroom().none() ? "-" : q.minHeadroom().label(),
                    q.isWorkload() ? "-" : speed(r.decodeTokensPerSecond(), q.minDecodeTokensPerSecond()),
                    q.isWorkload() ? "-" : speed(r.prefillTokensPerSecond(), q.minPrefillTokensPerSecond())));
            if (workloads) {
                row.add(throughput(r));
            }
            t.row(row.toArray(String[]::new));
        }
        t.print(out);
        boolean anyFailure = false;
        for (RequirementResult r : report.results()) {
            for (String f : r.failures()) {
                if (!anyFailure) {
                    out.println();
                    anyFailure = true;
                }
                out.println("NOT MET  " + SafeText.line(r.requirement().name()) + ": " + SafeText.line(f));
            }
        }
        for (String n : report.notes()) {
            out.println("note     " + SafeText.line(n));
        }
        out.println();
        out.println(report.metCount() + " of " + report.results().size() + " requirements met.");
    }

    static boolean anyWorkload(CheckReport report) {
        return report.results().stream().anyMatch(r -> r.requirement().isWorkload());
    }

    /** {@code llama-3-8b Q4_K_M}; a model of another domain with the precision the advisor chose ({@code resnet-50 FP16}). */
    static String modelLabel(RequirementResult r) {
        Requirement q = r.requirement();
        if (q.isWorkload()) {
            return q.model().id() + (r.workload() == null ? "" : " " + r.workload().precision());
        }
        return q.model().id() + " " + q.quant().displayName();
    }

    /**
     * The domain's figure and its threshold ({@code 312 images/s at 224 px (min 100 images/s)}, {@code RTF 0.120, ...
     * (max RTF 0.5)}); {@code -} for LLMs and when nothing was estimated.
     */
    static String throughput(RequirementResult r) {
        if (r.workload() == null) {
            return "-";
        }
        WorkloadRequirement w = r.requirement().workload();
        StringBuilder s = new StringBuilder(r.workload().estimate().throughput().headline());
        List<String> mins = new ArrayList<>();
        Throughput t = r.workload().estimate().throughput();
        if (w.minImagesPerSecond() > 0) {
            mins.add((t instanceof Throughput.GeneratedImages ? CapacityEvaluator.figure(t.itemsPerSecond()) + " images/s, " : "")
                    + "min " + CapacityEvaluator.figure(w.minImagesPerSecond()) + " images/s");
        }
        if (w.maxRealTimeFactor() > 0) {
            mins.add("max RTF " + CapacityEvaluator.figure(w.maxRealTimeFactor()));
        }
        if (w.minInputsPerSecond() > 0) {
            boolean stated = t.unit() == ThroughputUnit.SEQUENCES || t.unit() == ThroughputUnit.SERIES;
            mins.add((stated ? "" : CapacityEvaluator.figure(t.itemsPerSecond()) + " inputs/s, ")
                    + "min " + CapacityEvaluator.figure(w.minInputsPerSecond()) + " inputs/s");
        }
        if (w.minRowsPerSecond() > 0) {
            mins.add("min " + CapacityEvaluator.figure(w.minRowsPerSecond()) + " rows/s");
        }
        if (!mins.isEmpty()) {
            s.append(" (").append(String.join("; ", mins)).append(')');
        }
        return s.toString();
    }

    static String margin(RequirementResult r) {
        if (r.headroomBytes() < 0) {
            return "short " + CapacityEvaluator.gib(-r.headroomBytes());
        }
        return CapacityEvaluator.gib(r.headroomBytes()) + (Double.isNaN(r.headroomRatio()) ? "" : " " + CapacityEvaluator.percent(r.headroomRatio()));
    }

    /** {@code 3.10 / 10}: estimated / minimum, or {@code -} when not estimated. */
    static String speed(double estimated, double minimum) {
        String e = Double.isNaN(estimated) ? "-" : CapacityEvaluator.rate(estimated);
        return minimum > 0 ? e + " / " + CapacityEvaluator.rate(minimum) : e;
    }
}
