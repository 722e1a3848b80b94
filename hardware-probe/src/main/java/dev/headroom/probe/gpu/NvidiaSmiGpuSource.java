package dev.headroom.probe.gpu;

import dev.headroom.probe.command.CommandOutcome;
import dev.headroom.probe.command.CommandRunner;
import dev.headroom.sizing.hardware.Confidence;
import dev.headroom.sizing.hardware.GpuInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * NVIDIA GPUs from {@code nvidia-smi --query-gpu=... --format=csv,noheader,nounits}. Drivers older than
 * 510 reject the {@code compute_cap} field; the query is then repeated without it. A GPU whose memory
 * nvidia-smi reports as {@code [N/A]} (unified-memory parts such as the GB10) is kept as a unified-memory
 * device whose size the probe fills from host RAM.
 */
public final class NvidiaSmiGpuSource implements GpuSource {
    /** NVIDIA parts whose GPU shares host RAM; nvidia-smi reports [N/A] memory for them (GB10: NVIDIA's DGX Spark known issues). */
    static final java.util.regex.Pattern UNIFIED_PARTS = java.util.regex.Pattern.compile("GB10|Orin|Thor|Xavier|Jetson|Tegra|nvgpu",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    static final List<String> FIELDS = List.of("index", "name", "memory.total", "memory.free", "compute_cap", "pci.device_id");

    private final CommandRunner runner;

    public NvidiaSmiGpuSource(CommandRunner runner) {
        this.runner = runner;
    }

    @Override
    public String name() {
        return "nvidia-smi";
    }

    @Override
    public String vendor() {
        return "NVIDIA";
    }

    @Override
    public boolean applies() {
        return runner.find("nvidia-smi").isPresent();
    }

    @Override
    public String whyNot() {
        return "nvidia-smi not on PATH";
    }

    @Override
    public GpuReadings read() {
        List<String> fields = FIELDS;
        CommandOutcome out = query(fields);
        List<String> problems = new ArrayList<>();
        if (out.completed() && out.output().contains(NvidiaSmiCsvParser.INVALID_FIELD) && out.output().contains("compute_cap")) {
            // Old driver (470 and earlier): ask again without the field it does not know.
            fields = FIELDS.stream().filter(f -> !f.equals("compute_cap")).toList();
            out = query(fields);
            problems.add("nvidia-smi: driver too old for compute_cap; compute capability unknown");
        }
        if (!out.succeeded()) {
            return GpuReadings.none("nvidia-smi unavailable: " + out.reason());
        }
        return toGpus(fields, out.output(), problems);
    }

    private CommandOutcome query(List<String> fields) {
        return runner.run("nvidia-smi", "--query-gpu=" + String.join(",", fields), "--format=csv,noheader,nounits");
    }

    /** Turns nvidia-smi output for the given fields into GPUs (pure; tested on captured outputs). */
    public static GpuReadings toGpus(List<String> fields, String output, List<String> earlierProblems) {
        NvidiaSmiCsvParser.Result parsed = NvidiaSmiCsvParser.parse(fields, output);
        List<String> problems = new ArrayList<>(earlierProblems);
        parsed.problems().forEach(p -> problems.add("nvidia-smi: " + p));
        List<GpuInfo> gpus = new ArrayList<>();
        int position = 0;
        for (Map<String, String> row : parsed.rows()) {
            int index = parseIndex(row.get("index"), position++);
            String name = row.getOrDefault("name", "NVIDIA GPU " + index);
            long total = NvidiaSmiCsvParser.mibToBytes(row.get("memory.total"));
            long free = NvidiaSmiCsvParser.mibToBytes(row.get("memory.free"));
            boolean unified = total < 0;
            if (unified && !UNIFIED_PARTS.matcher(name).find()) {
                // A discrete GPU without a memory figure is in an error state, not sharing host RAM.
                problems.add("nvidia-smi: GPU " + index + " (" + name + ") reported no memory size; not counted");
                continue;
            }
            String note = unified ? "nvidia-smi reports no memory size ([N/A]): unified memory shared with the host" : "";
            gpus.add(new GpuInfo(index, "NVIDIA", name, Math.max(0, total), free < 0 ? GpuInfo.UNKNOWN : free, unified,
                    "nvidia-smi", row.getOrDefault("compute_cap", ""), 0, 0,
                    NvidiaSmiCsvParser.pciId(row.get("pci.device_id")), unified ? Confidence.LOW : Confidence.HIGH, note));
        }
        if (gpus.isEmpty() && problems.isEmpty()) {
            problems.add("nvidia-smi listed no GPUs");
        }
        return new GpuReadings(gpus, problems);
    }

    private static int parseIndex(String s, int fallback) {
        try {
            return s == null ? fallback : Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
