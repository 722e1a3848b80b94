package dev.headroom.cli.check;

import dev.headroom.advisor.check.Requirement;
import dev.headroom.advisor.check.RequirementResult;
import dev.headroom.advisor.check.CapacityEvaluator;
import dev.headroom.advisor.check.WorkloadRequirement;
import dev.headroom.sizing.workload.Throughput;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.cli.Json;

/**
 * {@code headroom check --json}: the machine (shape of {@link Json#hardware}), a summary and one
 * object per requirement. Bytes as integers, speeds in tokens/s, ratios 0..1; speeds are null when
 * not estimated. Field names may gain siblings, never change.
 */
public final class JsonReport {
    private JsonReport() {
    }

    public static ObjectNode json(CheckReport report) {
        ObjectNode root = Json.object();
        root.put("file", report.requirementsFile());
        root.put("met", report.allMet());
        root.put("requirementsMet", report.metCount());
        root.put("requirementsNotMet", report.results().size() - report.metCount());
        root.put("timestamp", report.timestamp().toString());
        root.put("hardwareSource", report.hardwareSource());
        root.set("hardware", Json.hardware(report.hardware()));
        ArrayNode notes = root.putArray("notes");
        report.notes().forEach(notes::add);
        ArrayNode list = root.putArray("requirements");
        for (RequirementResult r : report.results()) {
            Requirement q = r.requirement();
            ObjectNode n = list.addObject();
            n.put("name", q.name());
            n.put("line", q.line());
            n.put("met", r.met());
            n.put("model", q.model().id());
            n.put("modelReference", q.model().reference());
            n.put("modelSource", q.model().source());
            if (q.isWorkload()) {
                putWorkload(n, r);
            } else {
                n.put("quant", q.quant().displayName());
                n.put("contextTokens", q.contextTokens());
                n.put("concurrency", q.concurrency());
                n.put("kvCache", q.kvCacheType().name().toLowerCase(java.util.Locale.ROOT));
                n.put("runtime", q.runtime().name());
            }
            n.put("device", q.device().label());
            n.put("placement", r.placement());
            n.put("pool", r.pool());
            ObjectNode mem = n.putObject("memory");
            mem.put("weightsBytes", r.memory().weightsBytes());
            if (r.hasKvCache()) {
                mem.put("kvCacheBytes", r.memory().kvCacheBytes());
            }
            mem.put("totalBytes", r.memory().totalBytes());
            if (q.isWorkload()) {
                ObjectNode parts = mem.putObject("components");
                r.memory().components().forEach(c -> parts.put(c.name() + "Bytes", c.bytes()));
            }
            n.put("neededBytes", r.neededBytes());
            n.put("availableBytes", r.availableBytes());
            n.put("headroomBytes", r.headroomBytes());
            n.put("poolBytes", r.poolBytes());
            putNumber(n, "headroomRatio", r.headroomRatio());
            putNumber(n, "decodeTokensPerSecond", r.decodeTokensPerSecond());
            putNumber(n, "prefillTokensPerSecond", r.prefillTokensPerSecond());
            ObjectNode min = n.putObject("thresholds");
            if (q.isWorkload()) {
                WorkloadRequirement w = q.workload();
                min.put("minImagesPerSecond", w.minImagesPerSecond());
                min.put("maxRealTimeFactor", w.maxRealTimeFactor());
                min.put("minInputsPerSecond", w.minInputsPerSecond());
                min.put("minRowsPerSecond", w.minRowsPerSecond());
            } else {
                min.put("minDecodeTokensPerSecond", q.minDecodeTokensPerSecond());
                min.put("minPrefillTokensPerSecond", q.minPrefillTokensPerSecond());
            }
            min.put("minHeadroom", q.minHeadroom().label());
            min.put("minHeadroomBytes", r.requiredHeadroomBytes());
            ArrayNode failures = n.putArray("failures");
            r.failures().forEach(failures::add);
        }
        return root;
    }

    /**
     * A model of another domain: its input, the precision the advisor chose, and throughput in the domain's unit
     * ({@code unit} as {@link dev.headroom.sizing.workload.ThroughputUnit#label}, {@code itemsPerSecond} in every domain,
     * {@code imagesPerSecond} or {@code realTimeFactor} where the domain has them).
     */
    private static void putWorkload(ObjectNode n, RequirementResult r) {
        WorkloadRequirement w = r.requirement().workload();
        n.put("domain", String.join("/", r.requirement().model().workloadModel().domains()));
        ObjectNode in = n.putObject("workload");
        in.put("batch", w.batch());
        in.put("resolution", w.resolution());
        in.put("tokens", w.tokens());
        in.put("audioSeconds", w.audioSeconds());
        in.put("steps", w.steps());
        if (r.workload() == null) {
            n.putNull("precision");
            n.putNull("throughput");
            return;
        }
        n.put("precision", r.workload().precision());
        Throughput t = r.workload().estimate().throughput();
        ObjectNode th = n.putObject("throughput");
        th.put("unit", t.unit().label());
        th.put("headline", t.headline());
        putNumber(th, "itemsPerSecond", t.itemsPerSecond());
        if (t instanceof Throughput.Images || t instanceof Throughput.GeneratedImages) {
            putNumber(th, "imagesPerSecond", t.itemsPerSecond());
        }
        putNumber(th, "realTimeFactor", CapacityEvaluator.realTimeFactor(t));
        if (th.get("realTimeFactor").isNull()) {
            th.remove("realTimeFactor");
        }
    }

    private static void putNumber(ObjectNode n, String field, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            n.putNull(field);
        } else {
            n.put(field, value);
        }
    }
}
