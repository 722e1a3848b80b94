package dev.headroom.bench.calibration;

/** A child JVM main class that fails as a crashed or misconfigured child would: one line of output, exit status 3. */
public final class ExitingChild {
    private ExitingChild() {
    }

    public static void main(String[] args) {
        System.out.println("simulated failure for " + String.join(" ", args));
        System.exit(3);
    }
}
