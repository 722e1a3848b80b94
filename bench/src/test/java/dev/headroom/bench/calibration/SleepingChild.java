package dev.headroom.bench.calibration;

/** A child JVM main class that hangs, as a child stuck on a loaded machine would: it never prints a result. */
public final class SleepingChild {
    private SleepingChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        Thread.sleep(120_000);
    }
}
