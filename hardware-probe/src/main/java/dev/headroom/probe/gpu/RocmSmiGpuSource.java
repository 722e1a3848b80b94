package dev.headroom.probe.gpu;

import dev.headroom.probe.command.CommandOutcome;
import dev.headroom.probe.command.CommandRunner;

/** AMD GPUs from {@code rocm-smi --showmeminfo vram --showproductname --showid --json}. */
public final class RocmSmiGpuSource implements GpuSource {
    private final CommandRunner runner;

    public RocmSmiGpuSource(CommandRunner runner) {
        this.runner = runner;
    }

    @Override
    public String name() {
        return "rocm-smi";
    }

    @Override
    public String vendor() {
        return "AMD";
    }

    @Override
    public boolean applies() {
        return runner.find("rocm-smi").isPresent();
    }

    @Override
    public String whyNot() {
        return "rocm-smi not on PATH";
    }

    @Override
    public GpuReadings read() {
        CommandOutcome out = runner.run("rocm-smi", "--showmeminfo", "vram", "--showproductname", "--showid", "--json");
        if (!out.succeeded()) {
            return GpuReadings.none("rocm-smi unavailable: " + out.reason());
        }
        return RocmSmiJsonParser.parse(out.output());
    }
}
