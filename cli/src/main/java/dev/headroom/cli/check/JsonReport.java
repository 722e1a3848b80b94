package dev.headroom.cli.check;

import dev.headroom.advisor.check.Requirement;
import dev.headroom.advisor.check.RequirementResult;
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
            n.put("quant", q.quant().displayName());
            n.put("contextTokens", q.contextTokens());
            n.put("concurrency", q.concurrency());
            n.put("kvCache", q.kvCacheType().name().toLowerCase(java.util.Locale.ROOT));
            n.put("runtime", q.runtime().name());
            n.put("device", q.device().label());
            n.put("placement", r.placement());
            n.put("pool", r.pool());
            ObjectNode mem = n.putObject("memory");
            mem.put("weightsBytes", r.memory().weightsBytes());
            mem.put("kvCacheBytes", r.memory().kvCacheBytes());
            mem.put("totalBytes", r.memory().totalBytes());
            n.put("neededBytes", r.neededBytes());
            n.put("availableBytes", r.availableBytes());
            n.put("headroomBytes", r.headroomBytes());
            n.put("poolBytes", r.poolBytes());
            putNumber(n, "headroomRatio", r.headroomRatio());
            putNumber(n, "decodeTokensPerSecond", r.decodeTokensPerSecond());
            putNumber(n, "prefillTokensPerSecond", r.prefillTokensPerSecond());
            ObjectNode min = n.putObject("thresholds");
            min.put("minDecodeTokensPerSecond", q.minDecodeTokensPerSecond());
            min.put("minPrefillTokensPerSecond", q.minPrefillTokensPerSecond());
            min.put("minHeadroom", q.minHeadroom().label());
            min.put("minHeadroomBytes", r.requiredHeadroomBytes());
            ArrayNode failures = n.putArray("failures");
            r.failures().forEach(failures::add);
        }
        return root;
    }

    private static void putNumber(ObjectNode n, String field, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            n.putNull(field);
        } else {
            n.put(field, value);
        }
    }
}
