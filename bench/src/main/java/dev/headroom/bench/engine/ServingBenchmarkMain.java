package dev.headroom.bench.engine;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link ServingSimulationBenchmark}: {@code java -cp <bench classpath> dev.headroom.bench.engine.ServingBenchmarkMain}
 * [JMH options] (docs/serving.md shows the command and the measured numbers).
 */
public final class ServingBenchmarkMain {
    private ServingBenchmarkMain() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        Options options = new OptionsBuilder().parent(new CommandLineOptions(args))
                .include(ServingSimulationBenchmark.class.getName()).build();
        new Runner(options).run();
    }
}
