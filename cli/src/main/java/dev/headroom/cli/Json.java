package dev.headroom.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.sizing.hardware.GpuInfo;
import dev.headroom.sizing.hardware.HardwareProfile;

/** JSON output shared by the commands: one mapper, one shape for a hardware profile. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static String write(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code cpu}, {@code memory} (limitBytes null when none) and {@code gpus[]} of a profile. */
    public static ObjectNode hardware(HardwareProfile hw) {
        ObjectNode n = object();
        n.put("hostName", hw.hostName());
        n.put("os", hw.os());
        ObjectNode cpu = n.putObject("cpu");
        cpu.put("vendor", hw.cpu().vendor());
        cpu.put("model", hw.cpu().model());
        cpu.put("physicalCores", hw.cpu().physicalCores());
        cpu.put("logicalCores", hw.cpu().logicalCores());
        cpu.put("effectiveCores", hw.cpu().effectiveCores());
        ArrayNode features = cpu.putArray("features");
        hw.cpu().features().forEach(features::add);
        ObjectNode mem = n.putObject("memory");
        mem.put("totalBytes", hw.memory().totalBytes());
        mem.put("availableBytes", hw.memory().availableBytes());
        if (hw.memory().hasLimit()) {
            mem.put("limitBytes", hw.memory().limitBytes());
        } else {
            mem.putNull("limitBytes");
        }
        mem.put("limitUsedBytes", hw.memory().limitUsedBytes());
        mem.put("effectiveAvailableBytes", hw.memory().effectiveAvailableBytes());
        ArrayNode gpus = n.putArray("gpus");
        for (GpuInfo g : hw.gpus()) {
            ObjectNode gn = gpus.addObject();
            gn.put("index", g.index());
            gn.put("vendor", g.vendor());
            gn.put("name", g.name());
            gn.put("memoryTotalBytes", g.memoryTotalBytes());
            if (g.memoryFreeBytes() == GpuInfo.UNKNOWN) {
                gn.putNull("memoryFreeBytes");
            } else {
                gn.put("memoryFreeBytes", g.memoryFreeBytes());
            }
            gn.put("unifiedMemory", g.unifiedMemory());
            gn.put("source", g.source());
        }
        ArrayNode warnings = n.putArray("warnings");
        hw.warnings().forEach(warnings::add);
        return n;
    }
}
