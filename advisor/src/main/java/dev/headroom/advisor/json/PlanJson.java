package dev.headroom.advisor.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.advisor.profile.ProfileJson;
import dev.headroom.sizing.serving.PlanCandidate;
import dev.headroom.sizing.serving.ServingResult;
import dev.headroom.sizing.serving.ServingTargets;
import java.util.List;

/** The one JSON shape of a serving plan: {@code plan --json} and {@code /api/plan}. */
public final class PlanJson {
    private PlanJson() {
    }

    /**
     * @param users concurrent users, or null when the workload is a rate
     * @param rate requests per second, or null when the workload is users
     */
    public static ObjectNode plan(String model, Integer users, Double rate, String promptTokens, String outputTokens,
                                  ServingTargets targets, List<PlanCandidate> plan) {
        ObjectNode root = ProfileJson.object();
        root.put("model", model);
        ObjectNode wl = root.putObject("workload");
        if (users != null) {
            wl.put("users", users);
        } else {
            wl.put("requestsPerSecond", rate);
        }
        wl.put("promptTokens", promptTokens);
        wl.put("outputTokens", outputTokens);
        ObjectNode tg = root.putObject("targets");
        AdviceJson.number(tg, "ttftP95Seconds", targets.ttftP95Seconds());
        AdviceJson.number(tg, "tpotP95Seconds", targets.tpotP95Seconds());
        tg.put("minTokensPerSecondPerUser", targets.minTokensPerSecondPerUser());
        ArrayNode list = root.putArray("candidates");
        for (PlanCandidate c : plan) {
            ObjectNode n = list.addObject();
            n.put("device", c.device());
            n.put("precision", c.precision().displayName());
            n.put("tensorParallel", c.tensorParallel());
            n.put("feasible", c.feasible());
            n.put("reason", c.reason());
            n.put("replicas", c.replicas());
            n.put("gpus", c.gpus());
            n.put("hosts", c.hosts());
            n.put("kvBlocks", c.kvBlocks());
            n.put("kvLimitedConcurrency", c.kvLimitedConcurrency());
            n.put("latencyLimitedConcurrency", c.latencyLimitedConcurrency());
            AdviceJson.number(n, "capacityPerReplica", c.capacityPerReplica());
            AdviceJson.number(n, "headroom", c.headroom());
            AdviceJson.number(n, "costPerHour", c.costPerHour());
            ServingResult a = c.achieved();
            if (a != null) {
                ObjectNode r = n.putObject("achieved");
                AdviceJson.number(r, "ttftP50Seconds", a.ttft().p50());
                AdviceJson.number(r, "ttftP95Seconds", a.ttft().p95());
                AdviceJson.number(r, "ttftP99Seconds", a.ttft().p99());
                AdviceJson.number(r, "tpotP50Seconds", a.tpot().p50());
                AdviceJson.number(r, "tpotP95Seconds", a.tpot().p95());
                AdviceJson.number(r, "tpotP99Seconds", a.tpot().p99());
                AdviceJson.number(r, "e2eP95Seconds", a.e2e().p95());
                AdviceJson.number(r, "outputTokensPerSecond", a.outputTokensPerSecond());
                AdviceJson.number(r, "tokensPerSecondPerUser", a.tokensPerSecondPerUser());
                r.put("preemptions", a.preemptions());
            }
        }
        return root;
    }
}
