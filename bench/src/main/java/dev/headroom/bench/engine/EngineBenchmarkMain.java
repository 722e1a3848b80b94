package dev.headroom.bench.engine;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the engine benchmarks: {@code java -cp <bench classpath> dev.headroom.bench.engine.EngineBenchmarkMain}
 * [JMH options, e.g. {@code -bm sample -f 1}] (docs/memory-model.md shows the full command and the measured numbers).
 */
public final class EngineBenchmarkMain {
    private EngineBenchmarkMain() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        Options options = new OptionsBuilder().parent(new CommandLineOptions(args))
                .include(MemoryEstimateBenchmark.class.getName()).build();
        new Runner(options).run();
    }
}
