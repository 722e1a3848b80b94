package dev.headroom.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.advisor.Machine;
import dev.headroom.advisor.Machines;
import dev.headroom.advisor.PlanSpec;
import dev.headroom.advisor.Planner;
import dev.headroom.advisor.json.AdviceJson;
import dev.headroom.advisor.json.PlanJson;
import dev.headroom.catalog.CatalogModel;
import dev.headroom.catalog.ModelCatalog;
import dev.headroom.dashboard.fleet.Fleet;
import dev.headroom.dashboard.fleet.FleetPlacement;
import dev.headroom.dashboard.fleet.FleetReader;
import dev.headroom.dashboard.fleet.PrometheusClient;
import dev.headroom.dashboard.fleet.ReplicaShape;
import dev.headroom.sizing.memory.RuntimeProfile;
import dev.headroom.sizing.quant.Precision;
import dev.headroom.sizing.serving.Arrivals;
import dev.headroom.sizing.serving.GpuOption;
import dev.headroom.sizing.serving.LengthDistribution;
import dev.headroom.sizing.serving.PlanCandidate;
import dev.headroom.sizing.serving.ServingResult;
import dev.headroom.sizing.serving.ServingTargets;
import dev.headroom.sizing.serving.Workload;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code headroom plan MODEL}: how many GPUs, replicas and hosts serve a workload within latency targets, per
 * candidate device and precision (continuous-batching simulation, docs/serving.md); with {@code --prometheus},
 * where the fleet can place the best plan now. Parsing and presentation only: the plan is {@link Planner#plan}.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Plan serving capacity: GPUs, replicas and hosts for a workload at latency targets (vLLM-style continuous batching).",
                "Example: headroom plan llama-3-8b --users 200 --prompt-tokens 1000 --output-tokens 200 --ttft-p95 2s --tpot 50ms --device \"H100 SXM\" --gpus 1,2 --price 2.49"})
public final class PlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "Catalog id or alias (e.g. llama-3-8b).")
    String model;

    @Option(names = "--users", paramLabel = "N", description = "Concurrent users, each sending the next request when the last answer ends.")
    Integer users;

    @Option(names = "--rate", paramLabel = "REQ/S", description = "Poisson arrivals, requests per second (instead of --users).")
    Double rate;

    @Option(names = "--prompt-tokens", paramLabel = "DIST", defaultValue = "1000",
            description = "Prompt length: N, uniform:MIN-MAX or lognormal:MEDIAN,SIGMA[,MAX] (default: ${DEFAULT-VALUE}).")
    String promptTokens;

    @Option(names = "--output-tokens", paramLabel = "DIST", defaultValue = "200", description = "Output length, same forms (default: ${DEFAULT-VALUE}).")
    String outputTokens;

    @Option(names = "--ttft-p95", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Target: 95th percentile time to first token (2s, 500ms, 0.5).")
    Double ttftP95;

    @Option(names = "--tpot", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Target: 95th percentile time per output token (50ms = 20 tok/s per user).")
    Double tpot;

    @Option(names = "--tokens-per-user", paramLabel = "TOK/S", description = "Target: median output tokens/s each user sees.")
    Double tokensPerUser;

    @Option(names = "--device", paramLabel = "NAME", description = "A candidate GPU, as people type it ('H100 SXM', 'A100 80GB', 'L40S'); repeatable.")
    List<String> devices = new ArrayList<>();

    @Option(names = "--hardware", paramLabel = "PROFILE.json", description = "A candidate: the GPUs of a machine saved with 'headroom probe --json'.")
    Path hardware;

    @Option(names = "--gpus", split = ",", paramLabel = "N", defaultValue = "1,2,4,8", description = "GPUs per replica to try (default: ${DEFAULT-VALUE}).")
    List<Integer> gpus;

    @Option(names = "--gpus-per-host", paramLabel = "N", defaultValue = "8", description = "GPUs in one host; a replica never spans hosts (default: ${DEFAULT-VALUE}).")
    int gpusPerHost;

    @Option(names = "--price", paramLabel = "PER-GPU-HOUR", description = "Price of one GPU for an hour (any currency): cheapest plan first.")
    Double price;

    @Option(names = "--quant", split = ",", paramLabel = "Q", description = "Precisions to try (default: BF16,FP8,AWQ).")
    List<String> quants;

    @Option(names = "--prometheus", paramLabel = "URL", description = "Also place the best plan on the fleet Prometheus scrapes (headroom_* series).")
    String prometheus;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;

    @Override
    public Integer call() {
        if ((users == null) == (rate == null)) {
            throw new IllegalArgumentException("plan: give --users N or --rate REQ/S (one of them)");
        }
        PlanSpec question = new PlanSpec(model, users, rate, promptTokens, outputTokens, ttftP95, tpot, tokensPerUser, devices, gpus,
                gpusPerHost, price, quants);
        ServingTargets targets = question.targets();
        Workload workload = question.workload();
        Machines machines = Machines.standard();
        Planner planner = new Planner(machines);
        Machine own = devices.isEmpty() ? (hardware != null ? machines.fromProfile(hardware, true) : machines.probed(true)) : null;
        CatalogModel m = ModelCatalog.bundled().get(model);
        long start = System.nanoTime();
        List<PlanCandidate> plan = question.plan(planner, ModelCatalog.bundled(), own);
        double seconds = (System.nanoTime() - start) / 1e9;
        FleetPlacement.Result fleet = null;
        PlanCandidate best = plan.stream().filter(PlanCandidate::feasible).findFirst().orElse(null);
        if (prometheus != null && best != null) {
            try {
                Fleet f = FleetReader.read(new PrometheusClient(prometheus));
                fleet = FleetPlacement.place(f, ReplicaShape.vllm(best.tensorParallel(), RuntimeProfile.VLLM.gpuMemoryUtilization(), null),
                        best.replicas());
            } catch (IOException e) {
                throw new IllegalArgumentException("--prometheus: " + e.getMessage());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(json(m, workload, targets, plan, fleet)));
        } else {
            print(out, m, plan, fleet, seconds);
        }
        return best != null ? ExitCodes.OK : ExitCodes.NOT_MET;
    }

    private void print(PrintWriter out, CatalogModel m, List<PlanCandidate> plan, FleetPlacement.Result fleet, double seconds) {
        out.printf(Locale.ROOT, "Plan      %s, %s, prompt %s, output %s tokens; targets:%s%s%s%n", m.id(),
                users != null ? users + " users" : rate + " requests/s", promptTokens, outputTokens,
                ttftP95 == null ? "" : " TTFT p95 <= " + ttftP95 + " s", tpot == null ? "" : " TPOT p95 <= " + tpot + " s",
                tokensPerUser == null ? "" : " >= " + tokensPerUser + " tok/s per user");
        out.println();
        Table t = new Table("device", "precision", "TP>", "replicas>", "GPUs>", "hosts>", "TTFT p95>", "TPOT p95>", "tok/s/user>", "headroom>", "cost/h>", "note");
        for (PlanCandidate c : plan) {
            ServingResult a = c.achieved();
            t.row(c.device(), c.precision().displayName(), c.tensorParallel(), c.feasible() ? c.replicas() : "-", c.feasible() ? c.gpus() : "-",
                    c.feasible() ? c.hosts() : "-", a == null ? "-" : ms(a.ttft().p95()), a == null ? "-" : ms(a.tpot().p95()),
                    a == null ? "-" : String.format(Locale.ROOT, "%.1f", a.tokensPerSecondPerUser()),
                    c.feasible() ? String.format(Locale.ROOT, "%.0f%%", 100 * c.headroom()) : "-",
                    Double.isNaN(c.costPerHour()) ? "-" : String.format(Locale.ROOT, "%.2f", c.costPerHour()), c.feasible() ? "" : c.reason());
        }
        t.print(out);
        out.printf(Locale.ROOT, "%nvLLM continuous batching simulated per candidate (docs/serving.md); %d candidates in %.2f s.%n", plan.size(), seconds);
        if (fleet != null) {
            out.printf(Locale.ROOT, "Fleet     %s: room for %d replica(s) of the first plan now; hosts that can take one: %s%n", prometheus,
                    fleet.capacity(), fleet.hostsThatCanTakeOne().stream().map(FleetPlacement.HostCapacity::hostName).toList());
        }
    }

    private static String ms(double seconds) {
        return seconds < 1 ? String.format(Locale.ROOT, "%.0f ms", seconds * 1000) : String.format(Locale.ROOT, "%.2f s", seconds);
    }

    private ObjectNode json(CatalogModel m, Workload w, ServingTargets targets, List<PlanCandidate> plan, FleetPlacement.Result fleet) {
        ObjectNode root = PlanJson.plan(m.id(), users, rate, promptTokens, outputTokens, targets, plan);
        if (fleet != null) {
            ObjectNode f = root.putObject("fleet");
            f.put("prometheus", prometheus);
            f.put("capacity", fleet.capacity());
            ArrayNode hosts = f.putArray("hosts");
            for (FleetPlacement.HostCapacity h : fleet.hosts()) {
                ObjectNode hn = hosts.addObject();
                hn.put("instance", h.instance());
                hn.put("host", h.hostName());
                hn.put("replicas", h.replicas());
                hn.put("reason", h.reason());
            }
        }
        return root;
    }
}
