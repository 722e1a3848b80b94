package dev.headroom.probe.command;

/**
 * What running a command gave: its exit code and output (stdout and stderr merged), or why it could not
 * be run to completion.
 *
 * @param completed whether the process ran and exited by itself within the time limit
 * @param exitCode the exit code when completed, -1 otherwise
 * @param output what it printed (stdout and stderr merged, at most {@link CommandRunner#MAX_OUTPUT_CHARS})
 * @param failure why it did not complete ("not installed", "timed out after 3 s", "cannot run: ..."), empty when completed
 */
public record CommandOutcome(boolean completed, int exitCode, String output, String failure) {
    public CommandOutcome {
        output = output == null ? "" : output;
        failure = failure == null ? "" : failure;
    }

    static CommandOutcome exited(int exitCode, String output) {
        return new CommandOutcome(true, exitCode, output, "");
    }

    static CommandOutcome failed(String why) {
        return new CommandOutcome(false, -1, "", why);
    }

    /** Completed with exit code 0. */
    public boolean succeeded() {
        return completed && exitCode == 0;
    }

    /** A one-line reason for a failure or a non-zero exit, for warnings. */
    public String reason() {
        if (!completed) {
            return failure;
        }
        String first = output.strip().lines().findFirst().orElse("");
        return "exit code " + exitCode + (first.isEmpty() ? "" : ": " + (first.length() > 160 ? first.substring(0, 160) + "..." : first));
    }
}
