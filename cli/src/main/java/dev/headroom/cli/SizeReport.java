package dev.headroom.cli;

import dev.headroom.advisor.Sizing;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.catalog.AcceleratorSpec;
import dev.headroom.advisor.models.NamedModel;
import dev.headroom.sizing.memory.MemoryBreakdown;
import dev.headroom.sizing.memory.MemoryComponent;
import dev.headroom.sizing.memory.MemoryRequest;
import dev.headroom.sizing.quant.Precision;
import dev.headroom.sizing.training.TrainingPlan;
import dev.headroom.sizing.units.ByteUnits;
import java.io.PrintWriter;
import java.util.Locale;

/** What {@code headroom size} prints: the breakdown and, with a device, the fit and the solvers' answers. */
final class SizeReport {
    /** Sequences searched at most by the "most sequences" solver. */
    static final int MAX_GPUS_SEARCHED = Sizing.MAX_GPUS_SEARCHED;

    private final NamedModel model;
    private final String headline;
    private final ObjectNode request;
    private final MemoryBreakdown memory;
    private final AcceleratorSpec device;
    private final ObjectNode deviceJson;

    private SizeReport(NamedModel model, String headline, ObjectNode request, MemoryBreakdown memory,
                       AcceleratorSpec device, ObjectNode deviceJson) {
        this.model = model;
        this.headline = headline;
        this.request = request;
        this.memory = memory;
        this.device = device;
        this.deviceJson = deviceJson;
    }

    static SizeReport inference(NamedModel m, MemoryRequest r, MemoryBreakdown memory, AcceleratorSpec device) {
        ObjectNode req = Json.object();
        req.put("mode", "inference");
        req.put("precision", r.precision().displayName());
        req.put("contextTokens", r.contextTokens());
        req.put("sequences", r.sequences());
        req.put("kvCache", r.kvFormat().name());
        req.put("runtime", r.runtime().name());
        req.put("tensorParallel", r.tensorParallel());
        String headline = String.format(Locale.ROOT, "%s  %s  context %d x %d seq  KV %s  %s%s", m.id(), r.precision(),
                r.contextTokens(), r.sequences(), r.kvFormat(), r.runtime().name(),
                r.tensorParallel() > 1 ? "  per GPU of " + r.tensorParallel() : "");
        ObjectNode dev = null;
        if (device != null) {
            Sizing.DeviceCapacity c = Sizing.capacity(r, device.memoryBytes());
            dev = deviceNode(device, c.usableBytes(), memory.totalBytes());
            dev.put("longestContextTokens", c.longestContextTokens());
            dev.put("mostSequences", c.mostSequences());
            dev.put("bestPrecision", c.bestPrecision().map(Precision::displayName).orElse(null));
            if (c.gpusForTensorParallel().isPresent()) {
                dev.put("gpusNeeded", c.gpusForTensorParallel().get());
            } else {
                dev.putNull("gpusNeeded");
            }
            if (c.offload().isPresent()) {
                dev.put("gpuLayers", c.offload().get().gpuLayers());
                dev.put("offloadGpuBytes", c.offload().get().gpuBytes());
                dev.put("offloadHostBytes", c.offload().get().hostBytes());
            }
        }
        return new SizeReport(m, headline, req, memory, device, dev);
    }

    static SizeReport training(NamedModel m, TrainingPlan plan, MemoryBreakdown memory, AcceleratorSpec device) {
        ObjectNode req = Json.object();
        req.put("mode", "training");
        req.put("method", plan.method().name().toLowerCase(Locale.ROOT));
        req.put("optimizer", plan.optimizer().name().toLowerCase(Locale.ROOT));
        req.put("mixedPrecision", plan.mixedPrecision());
        req.put("gradientCheckpointing", plan.gradientCheckpointing());
        req.put("loraRank", plan.loraRank());
        req.put("microBatch", plan.microBatch());
        req.put("sequenceLength", plan.sequenceLength());
        String headline = String.format(Locale.ROOT, "%s  train %s  %s%s  batch %d x %d tokens%s", m.id(),
                plan.method().name().toLowerCase(Locale.ROOT), plan.optimizer().name().toLowerCase(Locale.ROOT),
                plan.mixedPrecision() ? " mixed precision" : " fp32", plan.microBatch(), plan.sequenceLength(),
                plan.gradientCheckpointing() ? "  checkpointing" : "");
        ObjectNode dev = device == null ? null
                : deviceNode(device, Sizing.usableForTraining(device.memoryBytes()), memory.totalBytes());
        return new SizeReport(m, headline, req, memory, device, dev);
    }

    private static ObjectNode deviceNode(AcceleratorSpec device, long usable, long total) {
        ObjectNode dev = Json.object();
        dev.put("name", device.name());
        dev.put("memoryBytes", device.memoryBytes());
        dev.put("usableBytes", usable);
        dev.put("fits", total <= usable);
        dev.put("headroomBytes", usable - total);
        return dev;
    }

    private dev.headroom.sizing.Estimate estimate;
    private dev.headroom.advisor.Machine machine;

    /** This report with the advisor's estimate (placement, speeds) on a named machine. */
    SizeReport withEstimate(dev.headroom.advisor.Machine machine, dev.headroom.sizing.Estimate estimate) {
        this.machine = machine;
        this.estimate = estimate;
        return this;
    }

    ObjectNode json() {
        ObjectNode root = Json.object();
        root.put("model", model.id());
        root.put("parameters", model.local() ? model.files().parameters() : model.catalogModel().parameterCount());
        if (model.local()) {
            root.put("source", model.kind().label());
            root.put("path", model.source());
        }
        root.setAll(request);
        ObjectNode mem = root.putObject("memory");
        mem.put("weightsBytes", memory.weightsBytes());
        mem.put("kvCacheBytes", memory.kvCacheBytes());
        mem.put("computeBufferBytes", memory.bytesOf(MemoryComponent.COMPUTE_BUFFER));
        mem.put("runtimeOverheadBytes", memory.bytesOf(MemoryComponent.RUNTIME_OVERHEAD));
        mem.put("totalBytes", memory.totalBytes());
        // What each kind of tool shows: the framework's own allocation (llama.cpp's buffer lines,
        // torch.cuda.max_memory_allocated) excludes the runtime context; nvidia-smi's "used" includes it.
        mem.put("frameworkAllocationBytes", memory.totalBytes() - memory.bytesOf(MemoryComponent.RUNTIME_OVERHEAD));
        mem.put("deviceMemoryInUseBytes", memory.totalBytes());
        ArrayNode parts = mem.putArray("breakdown");
        for (MemoryComponent c : memory.components()) {
            ObjectNode p = parts.addObject();
            p.put("name", c.name());
            p.put("bytes", c.bytes());
            p.put("origin", c.origin().name());
            p.put("note", c.note());
        }
        if (deviceJson != null) {
            root.set("device", deviceJson);
        }
        if (estimate != null) {
            ObjectNode e = dev.headroom.advisor.json.AdviceJson.estimate(root.putObject("estimate"), estimate);
            e.put("machine", machine.origin());
            e.put("calibration", machine.calibrationLabel());
        }
        return root;
    }

    void print(PrintWriter out) {
        out.println(headline);
        out.println();
        Table t = new Table("component", "size>", "bytes>", "origin", "note");
        for (MemoryComponent c : memory.components()) {
            t.row(c.name(), ByteUnits.formatIec(c.bytes()), c.bytes(), c.origin(), c.note());
        }
        long framework = memory.totalBytes() - memory.bytesOf(MemoryComponent.RUNTIME_OVERHEAD);
        t.row("framework", ByteUnits.formatIec(framework), framework, "", "the framework's own allocation (llama.cpp buffer lines, torch max_memory_allocated)");
        t.row("total", ByteUnits.formatIec(memory.totalBytes()), memory.totalBytes(), "", "device memory in use (nvidia-smi), context included: the sum of the parts");
        t.print(out);
        if (estimate != null) {
            out.println();
            out.printf(Locale.ROOT, "on      %s: %s, needs %s, left %s; decode %s tok/s, prefill %s tok/s (%s)%n", machine.origin(),
                    estimate.placement().label(), ByteUnits.formatIec(estimate.placement().neededBytes()),
                    ByteUnits.formatIec(estimate.placement().headroomBytes()), FitCommand.speed(estimate),
                    estimate.speed().known() ? String.format(Locale.ROOT, "%.0f", estimate.speed().prefillTokensPerSecond()) : "?",
                    machine.calibrationLabel());
        }
        if (device == null) {
            return;
        }
        out.println();
        boolean fits = deviceJson.get("fits").asBoolean();
        long headroom = deviceJson.get("headroomBytes").asLong();
        out.printf(Locale.ROOT, "device  %s: %s usable of %s after the margin (5%%, at least 256 MiB)%n", device.name(),
                ByteUnits.formatIec(deviceJson.get("usableBytes").asLong()), ByteUnits.formatIec(device.memoryBytes()));
        out.println("fits    " + (fits ? "yes, " + ByteUnits.formatIec(headroom) + " free" : "no, short by " + ByteUnits.formatIec(-headroom)));
        if (deviceJson.has("longestContextTokens")) {
            long longest = deviceJson.get("longestContextTokens").asLong();
            String most = longest == 0 ? "no context fits at this precision"
                    : "context " + longest + " tokens; " + deviceJson.get("mostSequences").asInt() + " sequences at this context";
            JsonNode best = deviceJson.get("bestPrecision");
            JsonNode gpus = deviceJson.get("gpusNeeded");
            out.println("most    " + most + "; best precision " + (best.isNull() ? "none of the ladder" : best.asText())
                    + "; GPUs for tensor parallelism " + (gpus.isNull() ? "more than " + MAX_GPUS_SEARCHED : gpus.asText()));
        }
        if (deviceJson.has("gpuLayers") && !fits) {
            out.println("offload " + deviceJson.get("gpuLayers").asInt() + " layers on the GPU (-ngl), "
                    + ByteUnits.formatIec(deviceJson.get("offloadHostBytes").asLong()) + " in host RAM");
        }
    }
}
