package dev.headroom.probe;

import dev.headroom.probe.command.CommandRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Where the probe looks: file-system roots (fixture trees in tests), the command runner (with its search
 * path and time limit), OS name and architecture, environment, home and working directory.
 *
 * @param sysRoot {@code /sys}
 * @param procRoot {@code /proc}
 * @param cgroupRoot {@code /sys/fs/cgroup}
 * @param runner runs nvidia-smi, rocm-smi, sysctl, dmidecode
 * @param osName {@code os.name}
 * @param osArch {@code os.arch}
 * @param root whether the process runs as root (dmidecode needs it)
 * @param env environment variables (HF_HOME, OLLAMA_MODELS, ...)
 * @param home the user's home directory
 * @param workingDir the working directory
 * @param gpuBudget how long all GPU sources together may take
 */
public record ProbeSettings(Path sysRoot, Path procRoot, Path cgroupRoot, CommandRunner runner, String osName,
                            String osArch, boolean root, Map<String, String> env, Path home, Path workingDir,
                            Duration gpuBudget) {
    public ProbeSettings {
        env = Map.copyOf(env);
        osName = osName == null ? "" : osName;
        osArch = osArch == null ? "" : osArch;
    }

    public static ProbeSettings fromEnvironment() {
        CommandRunner runner = CommandRunner.fromEnvironment();
        return new ProbeSettings(Path.of("/sys"), Path.of("/proc"), Path.of("/sys/fs/cgroup"), runner,
                System.getProperty("os.name", ""), System.getProperty("os.arch", ""),
                "root".equals(System.getProperty("user.name")), System.getenv(), Path.of(System.getProperty("user.home", ".")),
                Path.of("").toAbsolutePath(), runner.timeout().plusSeconds(2));
    }

    public ProbeSettings withCgroupRoot(Path newRoot) {
        return new ProbeSettings(sysRoot, procRoot, newRoot, runner, osName, osArch, root, env, home, workingDir, gpuBudget);
    }

    public ProbeSettings withRunner(CommandRunner newRunner) {
        return new ProbeSettings(sysRoot, procRoot, cgroupRoot, newRunner, osName, osArch, root, env, home, workingDir,
                newRunner.timeout().plusSeconds(2));
    }

    public ProbeSettings withRoot(boolean asRoot) {
        return new ProbeSettings(sysRoot, procRoot, cgroupRoot, runner, osName, osArch, asRoot, env, home, workingDir, gpuBudget);
    }

    public ProbeSettings withRoots(Path newSys, Path newProc) {
        return new ProbeSettings(newSys, newProc, cgroupRoot, runner, osName, osArch, root, env, home, workingDir, gpuBudget);
    }
}
