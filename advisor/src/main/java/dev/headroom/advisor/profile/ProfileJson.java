package dev.headroom.advisor.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.advisor.config.CalibrationStore;
import dev.headroom.advisor.config.QuickBandwidthStore;
import dev.headroom.sizing.calibration.Calibration;
import dev.headroom.sizing.hardware.DiskInfo;
import dev.headroom.sizing.hardware.GpuInfo;
import dev.headroom.sizing.hardware.HardwareProfile;
import dev.headroom.sizing.hardware.Reading;

/**
 * The one JSON shape of a hardware profile, written by {@code probe --json} (and inside every report's
 * {@code hardware} object) and read back by {@link SavedProfileReader}: writing then reading loses nothing
 * ({@code ProfileRoundTripTest}).
 */
public final class ProfileJson {
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ProfileJson() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * A machine's profile as {@code probe --json} saves it: {@link #hardware} plus {@code calibration}, the
     * {@code headroom bench} calibration of its CPU (null when none), so that a saved profile carries its
     * measured rates to wherever it is read back.
     */
    public static ObjectNode machine(HardwareProfile hw, Calibration calibration) {
        return machine(hw, calibration, null);
    }

    /**
     * {@link #machine(HardwareProfile, Calibration)} with the machine's in-process read-bandwidth measurement
     * ({@code quickBandwidth}, written only when there is one), so an uncalibrated profile read back elsewhere gives the
     * numbers it gave where it was probed.
     */
    public static ObjectNode machine(HardwareProfile hw, Calibration calibration, QuickBandwidthStore.Measurement quick) {
        ObjectNode n = hardware(hw);
        if (calibration == null) {
            n.putNull("calibration");
        } else {
            n.set("calibration", CalibrationStore.toJson(calibration));
        }
        if (quick != null) {
            ObjectNode q = n.putObject("quickBandwidth");
            q.put("bytesPerSecond", quick.bytesPerSecond());
            q.put("threads", quick.threads());
            q.put("measuredAt", quick.measuredAt());
        }
        return n;
    }

    public static String write(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code cpu}, {@code memory} (limitBytes null when none), {@code gpus[]}, {@code disks[]}, {@code readings[]}
     * (where each fact came from) and {@code warnings[]} of a profile. Fields are only ever added, never renamed:
     * saved profiles are read back by every {@code --hardware} option. Unknown numbers are null, not 0.
     */
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
        putText(cpu, "microarchitecture", hw.cpu().microarchitecture());
        putPositive(cpu, "performanceCores", hw.cpu().performanceCores());
        putPositive(cpu, "efficiencyCores", hw.cpu().efficiencyCores());
        putPositive(cpu, "maxFrequencyHz", hw.cpu().maxFrequencyHz());
        ObjectNode caches = cpu.putObject("caches");
        putPositive(caches, "l1dBytes", hw.cpu().caches().l1dBytes());
        putPositive(caches, "l2Bytes", hw.cpu().caches().l2Bytes());
        putPositive(caches, "l3Bytes", hw.cpu().caches().l3Bytes());
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
        mem.put("effectiveTotalBytes", hw.memory().effectiveTotalBytes());
        mem.put("swapTotalBytes", hw.memory().swapTotalBytes());
        mem.put("swapFreeBytes", hw.memory().swapFreeBytes());
        putPositive(mem, "bandwidthBytesPerSecond", hw.memory().bandwidthBytesPerSecond());
        putText(mem, "modules", hw.memory().modules());
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
            gn.put("confidence", g.confidence().name().toLowerCase(java.util.Locale.ROOT));
            putText(gn, "computeCapability", g.computeCapability());
            putPositive(gn, "multiprocessors", g.multiprocessors());
            putPositive(gn, "bandwidthBytesPerSecond", g.bandwidthBytesPerSecond());
            putText(gn, "pciId", g.pciId());
            putText(gn, "note", g.note());
        }
        ArrayNode disks = n.putArray("disks");
        for (DiskInfo d : hw.disks()) {
            ObjectNode dn = disks.addObject();
            dn.put("purpose", d.purpose());
            dn.put("path", d.path());
            dn.put("freeBytes", d.freeBytes());
            dn.put("totalBytes", d.totalBytes());
        }
        ArrayNode readings = n.putArray("readings");
        for (Reading r : hw.readings()) {
            ObjectNode rn = readings.addObject();
            rn.put("fact", r.fact());
            rn.put("source", r.source());
            rn.put("confidence", r.confidence().name().toLowerCase(java.util.Locale.ROOT));
        }
        ArrayNode warnings = n.putArray("warnings");
        hw.warnings().forEach(warnings::add);
        return n;
    }

    /** A number, or null when it is 0 or less (the records' "unknown"). */
    private static void putPositive(ObjectNode n, String field, double value) {
        if (value > 0) {
            if (value == Math.rint(value) && value < 9.0e15) {
                n.put(field, (long) value);
            } else {
                n.put(field, value);
            }
        } else {
            n.putNull(field);
        }
    }

    /** A text, or null when empty (the records' "unknown"). */
    private static void putText(ObjectNode n, String field, String value) {
        if (value == null || value.isEmpty()) {
            n.putNull(field);
        } else {
            n.put(field, value);
        }
    }
}
