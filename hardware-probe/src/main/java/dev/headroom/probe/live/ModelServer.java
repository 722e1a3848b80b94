package dev.headroom.probe.live;

import java.util.Map;
import java.util.TreeMap;

/**
 * A running model server: a process whose command line is a {@link ModelRuntime}'s.
 *
 * @param pid the process id
 * @param runtime the runtime recognised
 * @param commandLine its arguments joined by spaces, control characters removed, at most
 *        {@link ModelServerSampler#MAX_COMMAND_LINE_CHARS} characters (empty when only the driver's name was seen)
 * @param residentBytes host memory it holds that the kernel cannot reclaim: {@code RssAnon + RssShmem} from
 *        {@code /proc/PID/status} (file-backed pages such as mmapped weights are already part of
 *        {@code MemAvailable}); 0 when unreadable
 * @param gpuBytes device memory it holds, by GPU index (from the driver's process list); empty when none
 */
public record ModelServer(long pid, ModelRuntime runtime, String commandLine, long residentBytes, Map<Integer, Long> gpuBytes) {
    public ModelServer {
        if (pid <= 0 || runtime == null || residentBytes < 0) {
            throw new IllegalArgumentException("pid, runtime and residentBytes are required, were " + pid + ", " + runtime + ", " + residentBytes);
        }
        commandLine = commandLine == null ? "" : commandLine;
        gpuBytes = Map.copyOf(new TreeMap<>(gpuBytes));
    }

    /** Device memory it holds on all GPUs together. */
    public long gpuTotalBytes() {
        return gpuBytes.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Everything it holds: device memory and unreclaimable host memory. */
    public long heldBytes() {
        return gpuTotalBytes() + residentBytes;
    }
}
