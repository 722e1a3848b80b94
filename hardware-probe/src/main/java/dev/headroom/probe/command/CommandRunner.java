package dev.headroom.probe.command;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a command found on a search path with a time limit. The search path is explicit (the
 * {@code PATH} directories by default) so tests can put fake tools first without touching the real
 * environment. Output is read on a daemon thread and capped, so a chatty or hung tool can neither
 * exhaust memory nor keep the probe (or the JVM) waiting.
 */
public final class CommandRunner {
    /** Output beyond this many characters is dropped: every tool we run prints a few kilobytes at most. */
    public static final int MAX_OUTPUT_CHARS = 1 << 20;

    private final List<Path> searchPath;
    private final Duration timeout;

    /**
     * @param searchPath directories searched in order for the executable
     * @param timeout how long a command may run before it is killed
     */
    public CommandRunner(List<Path> searchPath, Duration timeout) {
        this.searchPath = List.copyOf(searchPath);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout: must be positive, was " + timeout);
        }
        this.timeout = timeout;
    }

    /** The {@code PATH} directories of this process and a 3-second limit. */
    public static CommandRunner fromEnvironment() {
        return new CommandRunner(pathDirectories(System.getenv("PATH")), Duration.ofSeconds(3));
    }

    /** A runner that searches {@code first} before the given runner's directories (for fakes in tests). */
    public CommandRunner withFirst(Path first) {
        List<Path> dirs = new ArrayList<>();
        dirs.add(first);
        dirs.addAll(searchPath);
        return new CommandRunner(dirs, timeout);
    }

    public CommandRunner withTimeout(Duration newTimeout) {
        return new CommandRunner(searchPath, newTimeout);
    }

    public Duration timeout() {
        return timeout;
    }

    static List<Path> pathDirectories(String path) {
        List<Path> dirs = new ArrayList<>();
        if (path == null) {
            return dirs;
        }
        for (String d : path.split(File.pathSeparator)) {
            if (!d.isBlank()) {
                try {
                    dirs.add(Path.of(d));
                } catch (RuntimeException e) {
                    // an unparsable PATH entry cannot hold a tool
                }
            }
        }
        return dirs;
    }

    /** The executable's location on the search path, if it is there (cheap: no process is started). */
    public Optional<Path> find(String command) {
        boolean windows = File.separatorChar == '\\';
        for (Path dir : searchPath) {
            for (String name : windows ? List.of(command + ".exe", command) : List.of(command)) {
                Path candidate = dir.resolve(name);
                if (Files.isRegularFile(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Runs {@code command args...}; never throws and never waits longer than the time limit (plus a kill). */
    public CommandOutcome run(String command, String... args) {
        Optional<Path> exe = find(command);
        if (exe.isEmpty()) {
            return CommandOutcome.failed(command + " not installed (not on PATH)");
        }
        if (!Files.isExecutable(exe.get())) {
            return CommandOutcome.failed(command + " is not executable (permission denied): " + exe.get());
        }
        List<String> argv = new ArrayList<>();
        argv.add(exe.get().toString());
        argv.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException | RuntimeException e) {
            return CommandOutcome.failed("cannot run " + command + ": " + e.getMessage());
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the tool does not read stdin; nothing to do
        }
        BoundedCall.OWNED.add(process.pid());
        CompletableFuture<String> output = readAsync(process.getInputStream());
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                return CommandOutcome.failed(command + " timed out after " + seconds(timeout) + " and was killed");
            }
            // The process has exited; its output is complete or follows within moments.
            String text = output.get(Math.max(200, timeout.toMillis() / 4), TimeUnit.MILLISECONDS);
            return CommandOutcome.exited(process.exitValue(), text);
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            return CommandOutcome.failed(command + " interrupted");
        } catch (ExecutionException | TimeoutException e) {
            // A child that inherited the pipe can keep it open after the tool exited.
            kill(process);
            return CommandOutcome.failed(command + " output could not be read: " + e.getClass().getSimpleName());
        } finally {
            BoundedCall.OWNED.remove(process.pid());
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static CompletableFuture<String> readAsync(InputStream in) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (in) {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                byte[] chunk = new byte[8192];
                int n;
                while ((n = in.read(chunk)) >= 0) {
                    if (buffer.size() < MAX_OUTPUT_CHARS) {
                        buffer.write(chunk, 0, Math.min(n, MAX_OUTPUT_CHARS - buffer.size()));
                    }
                }
                result.complete(buffer.toString(StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        }, "headroom-command-output");
        reader.setDaemon(true);
        reader.start();
        return result;
    }
}
