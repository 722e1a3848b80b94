package dev.headroom.dashboard.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.advisor.Machine;
import dev.headroom.advisor.json.AdviceJson;
import dev.headroom.catalog.CatalogModel;
import dev.headroom.catalog.ModelCatalog;
import dev.headroom.dashboard.live.FitRow;
import dev.headroom.dashboard.live.FitTable;
import dev.headroom.dashboard.live.ModelState;
import dev.headroom.dashboard.live.WatchResult;
import dev.headroom.probe.live.GpuSample;
import dev.headroom.probe.live.HostSample;
import dev.headroom.probe.live.ModelServer;
import dev.headroom.probe.live.ModelServers;
import dev.headroom.sizing.Estimate;
import dev.headroom.sizing.hardware.HardwareProfile;
import dev.headroom.sizing.hardware.MemoryInfo;
import dev.headroom.sizing.memory.MemoryComponent;
import dev.headroom.sizing.memory.RuntimeProfile;
import dev.headroom.sizing.provenance.Sourced;
import dev.headroom.sizing.quant.Precision;
import java.util.List;

/**
 * The JSON shapes of the API and the event stream (documented in {@code docs/dashboard.md}). Sizes are
 * bytes, rates per second, ratios 0..1, times Unix milliseconds; an unknown value is {@code null}.
 */
public final class JsonViews {
    private JsonViews() {
    }

    private static ObjectNode object() {
        return JsonResponses.MAPPER.createObjectNode();
    }

    /** {@code /api/hardware}: the start-up probe with the latest sample's memory, GPUs and CPU load. */
    public static ObjectNode hardware(HardwareProfile startup, HostSample now) {
        ObjectNode n = object();
        n.put("hostName", startup.hostName());
        n.put("os", startup.os());
        ObjectNode cpu = n.putObject("cpu");
        cpu.put("vendor", startup.cpu().vendor());
        cpu.put("model", startup.cpu().model());
        cpu.put("physicalCores", startup.cpu().physicalCores());
        cpu.put("logicalCores", startup.cpu().logicalCores());
        cpu.put("effectiveCores", startup.cpu().effectiveCores());
        ArrayNode features = cpu.putArray("features");
        startup.cpu().features().forEach(features::add);
        cpu.put("utilizationRatio", now.cpuUtilizationRatio());
        n.set("memory", memory(now.memory()));
        n.set("gpus", gpus(now.gpus(), now.servers()));
        n.set("modelServers", servers(now.servers()));
        ArrayNode warnings = n.putArray("warnings");
        startup.warnings().forEach(warnings::add);
        n.put("sampledAt", now.epochMillis());
        return n;
    }

    /** One {@code sample} event: the values the page's charts plot. */
    public static ObjectNode sample(HostSample s) {
        ObjectNode n = object();
        n.put("t", s.epochMillis());
        n.put("cpu", s.cpuUtilizationRatio());
        n.set("memory", memory(s.memory()));
        n.set("gpus", gpus(s.gpus(), s.servers()));
        return n;
    }

    public static ObjectNode history(List<HostSample> samples) {
        ObjectNode n = object();
        ArrayNode a = n.putArray("samples");
        samples.forEach(s -> a.add(sample(s)));
        return n;
    }

    private static ObjectNode memory(MemoryInfo m) {
        ObjectNode n = object();
        n.put("totalBytes", m.totalBytes());
        n.put("availableBytes", m.availableBytes());
        if (m.hasLimit()) {
            n.put("limitBytes", m.limitBytes());
        } else {
            n.putNull("limitBytes");
        }
        n.put("limitUsedBytes", m.limitUsedBytes());
        n.put("effectiveTotalBytes", m.effectiveTotalBytes());
        n.put("effectiveAvailableBytes", m.effectiveAvailableBytes());
        return n;
    }

    /**
     * The model servers running: pid, runtime, unreclaimable host memory and device memory per GPU. Command
     * lines are left out on purpose: they can carry secrets ({@code --api-key}).
     */
    private static ObjectNode servers(ModelServers servers) {
        ObjectNode n = object();
        n.put("truncated", servers.truncated());
        ArrayNode a = n.putArray("processes");
        for (ModelServer m : servers.servers()) {
            ObjectNode p = a.addObject();
            p.put("pid", m.pid());
            p.put("runtime", m.runtime().label());
            p.put("residentBytes", m.residentBytes());
            ObjectNode g = p.putObject("gpuBytes");
            m.gpuBytes().forEach((gpu, bytes) -> g.put(Integer.toString(gpu), bytes));
        }
        return n;
    }

    /**
     * The watch list: for each deployment its state ({@link ModelState#label()}), whether it fits now and
     * when idle, the headroom of each, and the server serving it. Meant for {@code /api/watch} (or a
     * {@code watch} member of {@code /api/hardware}).
     */
    public static ObjectNode watch(List<WatchResult> watch) {
        ObjectNode n = object();
        ArrayNode a = n.putArray("watch");
        for (WatchResult w : watch) {
            ObjectNode o = a.addObject();
            o.put("model", w.watch().modelId());
            o.put("precision", w.watch().item().precision().displayName());
            o.put("contextTokens", w.watch().item().contextTokens());
            o.put("state", w.state().label());
            o.put("fitsNow", w.fits());
            o.put("fitsWhenIdle", w.fitsWhenIdle());
            o.put("headroomBytes", w.headroomBytes());
            o.put("idleHeadroomBytes", w.idleHeadroomBytes());
            o.put("requiredBytes", w.requiredBytes());
            if (w.isWorkload()) {
                o.put("batch", w.watch().workload().batch());
                o.put("placement", w.workload().where());
                AdviceJson.number(o, "itemsPerSecond", w.itemsPerSecond());
                o.put("unit", w.workload().estimate().throughput().unit().label());
            }
            if (w.serving() != null) {
                ObjectNode s = o.putObject("serving");
                s.put("runtime", w.serving().runtime().label());
                ArrayNode pids = s.putArray("pids");
                w.serving().pids().forEach(pids::add);
                s.put("heldBytes", w.serving().heldBytes());
                s.put("evidence", w.serving().namedInCommandLine() ? "command line names the model" : "memory held");
            } else {
                o.putNull("serving");
            }
        }
        return n;
    }

    private static ArrayNode gpus(List<GpuSample> gpus, ModelServers servers) {
        ArrayNode a = JsonResponses.MAPPER.createArrayNode();
        for (GpuSample g : gpus) {
            ObjectNode n = a.addObject();
            n.put("index", g.index());
            n.put("vendor", g.vendor());
            n.put("name", g.name());
            n.put("memoryTotalBytes", g.memoryTotalBytes());
            if (g.hasUsed()) {
                n.put("memoryUsedBytes", g.memoryUsedBytes());
            } else {
                n.putNull("memoryUsedBytes");
            }
            n.put("memoryFreeBytes", g.memoryFreeBytes());
            n.put("memoryUsedByModelServersBytes", servers.gpuBytes(g.index()));
            if (g.hasUtilization()) {
                n.put("utilizationRatio", g.utilizationRatio());
            } else {
                n.putNull("utilizationRatio");
            }
        }
        return a;
    }

    /** {@code /api/catalog}: models, precisions, runtimes and the what-if form's defaults. */
    public static ObjectNode catalog(ModelCatalog catalog) {
        ObjectNode n = object();
        ArrayNode models = n.putArray("models");
        for (CatalogModel m : catalog.all()) {
            ObjectNode o = models.addObject();
            o.put("id", m.id());
            o.put("name", m.name());
            o.put("family", m.family());
            o.put("parameters", m.parameterCount());
            o.put("hostable", m.hostable());
            o.put("sizable", m.hasArchitecture());
            if (m.hasArchitecture()) {
                o.put("maxContext", m.architecture().maxContext());
            } else {
                o.putNull("maxContext");
            }
        }
        ArrayNode precisions = n.putArray("precisions");
        Precision.names().forEach(precisions::add);
        ArrayNode runtimes = n.putArray("runtimes");
        RuntimeProfile.BUILT_IN.forEach(r -> runtimes.add(r.name()));
        ObjectNode defaults = n.putObject("defaults");
        defaults.put("quant", EstimateQuery.DEFAULT_PRECISION.displayName());
        defaults.put("context", EstimateQuery.DEFAULT_CONTEXT);
        defaults.put("batch", 1);
        defaults.put("runtime", RuntimeProfile.LLAMA_CPP.name());
        defaults.put("maxBatch", EstimateQuery.MAX_BATCH);
        return n;
    }

    /** {@code /api/estimate}: the memory breakdown with provenance, placement and speed. */
    public static ObjectNode estimate(CatalogModel model, Estimate e, Machine machine) {
        HardwareProfile now = machine.hardware();
        ObjectNode n = object();
        ObjectNode m = n.putObject("model");
        m.put("id", model.id());
        m.put("name", model.name());
        m.put("parameters", model.parameterCount());
        m.put("maxContext", model.architecture().maxContext());
        n.put("precision", e.request().precision().displayName());
        n.put("contextTokens", e.request().contextTokens());
        n.put("batch", e.request().sequences());
        n.put("runtime", e.request().runtime().name());
        n.put("kvCacheType", e.request().kvCacheType().name());
        ObjectNode mem = n.putObject("memory");
        mem.put("totalBytes", e.memory().totalBytes());
        ArrayNode parts = mem.putArray("components");
        for (MemoryComponent c : e.memory().components()) {
            ObjectNode p = parts.addObject();
            p.put("name", c.name());
            p.put("bytes", c.bytes());
            p.put("origin", c.origin().name());
            p.put("note", c.note());
        }
        ObjectNode placement = n.putObject("placement");
        placement.put("fits", e.placement().fits());
        placement.put("label", e.placement().label());
        placement.put("headroomBytes", e.placement().headroomBytes());
        AdviceJson.estimate(n.putObject("estimate"), e);
        n.put("calibration", machine.calibrationLabel());
        n.put("machine", machine.origin());
        ObjectNode speed = n.putObject("speed");
        AdviceJson.number(speed, "decodeTokensPerSecond", e.speed().decodeTokensPerSecond());
        AdviceJson.number(speed, "prefillTokensPerSecond", e.speed().prefillTokensPerSecond());
        speed.put("decodeBound", e.speed().decodeBound());
        ArrayNode inputs = speed.putArray("inputs");
        for (Sourced s : e.speed().inputs()) {
            ObjectNode i = inputs.addObject();
            i.put("name", s.name());
            AdviceJson.number(i, "value", s.value());
            i.put("unit", s.unit());
            i.put("origin", s.origin().name());
            i.put("note", s.note());
        }
        ObjectNode budget = n.putObject("budget");
        budget.put("hostAvailableBytes", now.memory().effectiveAvailableBytes());
        ArrayNode gpuFree = budget.putArray("gpuFreeBytes");
        now.gpus().forEach(g -> gpuFree.add(g.usableBytes()));
        ArrayNode warnings = n.putArray("warnings");
        if (e.request().contextTokens() > model.architecture().maxContext()) {
            warnings.add("context " + e.request().contextTokens() + " exceeds the model's trained maximum of "
                    + model.architecture().maxContext() + " tokens");
        }
        return n;
    }

    /** {@code /api/fit} and the {@code fit} event: what fits now. */
    public static ObjectNode fit(FitTable t, long version, String calibration) {
        ObjectNode n = object();
        n.put("calibration", calibration);
        n.put("version", version);
        n.put("computedAt", t.epochMillis());
        n.put("contextTokens", t.contextTokens());
        n.put("hostAvailableBytes", t.hostAvailableBytes());
        ArrayNode gpuFree = n.putArray("gpuFreeBytes");
        t.gpuFreeBytes().forEach(gpuFree::add);
        n.put("fitting", t.fittingCount());
        ArrayNode rows = n.putArray("models");
        for (FitRow r : t.rows()) {
            ObjectNode o = rows.addObject();
            o.put("id", r.model().id());
            o.put("name", r.model().name());
            o.put("parameters", r.model().parameterCount());
            AdviceJson.advice(o, r.advice());
            o.put("totalBytes", r.estimate().placement().neededBytes());
        }
        return n;
    }
}
