package dev.headroom.sizing.workload;

import java.util.Locale;

/**
 * Throughput of one workload in its domain's unit. Every kind also states {@link #itemsPerSecond()}
 * (images, inputs, audio files, generated images, rows, series per second) so callers can rank across
 * domains, and a one-line {@link #headline()}.
 */
public sealed interface Throughput {
    /** Inputs completed per second at the request's batch. */
    double itemsPerSecond();

    ThroughputUnit unit();

    /** The figure a user of the domain reads first, with its unit ("312 images/s at 224 px"). */
    String headline();

    /** @param resolution side of the square input in pixels */
    record Images(double imagesPerSecond, int resolution) implements Throughput {
        @Override public double itemsPerSecond() { return imagesPerSecond; }
        @Override public ThroughputUnit unit() { return ThroughputUnit.IMAGES; }
        @Override public String headline() {
            return resolution > 0 ? String.format(Locale.ROOT, "%s images/s at %d px", Throughput.figure(imagesPerSecond), resolution)
                    : Throughput.figure(imagesPerSecond) + " images/s";
        }
    }

    /**
     * Text, series or in-context tables through an encoder.
     *
     * @param tokensPerInput tokens of one input; 0 when the model is not token-based (then no tokens/s is shown)
     * @param unit SEQUENCES (inputs/s), SERIES (series/s) or ROWS (in-context tables: rows/s = tokens/s)
     */
    record Sequences(double inputsPerSecond, double tokensPerSecond, int tokensPerInput, ThroughputUnit unit)
            implements Throughput {
        @Override public double itemsPerSecond() { return unit == ThroughputUnit.ROWS ? tokensPerSecond : inputsPerSecond; }
        @Override public String headline() {
            if (unit == ThroughputUnit.ROWS) {
                return String.format(Locale.ROOT, "%s rows/s (%s tables/s of %d rows)", Throughput.figure(tokensPerSecond),
                        Throughput.figure(inputsPerSecond), tokensPerInput);
            }
            String u = unit == ThroughputUnit.SERIES ? "series/s" : "inputs/s";
            if (tokensPerInput <= 0) {
                return Throughput.figure(inputsPerSecond) + " " + u;
            }
            return String.format(Locale.ROOT, "%s %s (%s tokens/s at %d tokens)", Throughput.figure(inputsPerSecond), u,
                    Throughput.figure(tokensPerSecond), tokensPerInput);
        }
    }

    /**
     * Speech recognition.
     *
     * @param realTimeFactor processing seconds per second of audio for one stream (below 1 is faster than real time)
     * @param audioHoursPerHour hours of audio transcribed per wall-clock hour at the request's batch
     * @param audioSecondsPerInput length of one input
     */
    record Speech(double realTimeFactor, double audioHoursPerHour, double audioSecondsPerInput) implements Throughput {
        @Override public double itemsPerSecond() { return audioHoursPerHour / audioSecondsPerInput; } // audio-h/h = audio-s/s
        @Override public ThroughputUnit unit() { return ThroughputUnit.AUDIO; }
        @Override public String headline() {
            return String.format(Locale.ROOT, "RTF %.3f, %s audio-h/h", realTimeFactor, Throughput.figure(audioHoursPerHour));
        }
    }

    /**
     * Generated audio (TTS, music).
     *
     * @param realTimeFactor seconds to generate one second of audio for one stream
     * @param audioSecondsPerSecond audio seconds produced per wall-clock second at the request's batch
     */
    record GeneratedAudio(double realTimeFactor, double audioSecondsPerSecond, double audioSecondsPerInput)
            implements Throughput {
        @Override public double itemsPerSecond() { return audioSecondsPerSecond / audioSecondsPerInput; }
        @Override public ThroughputUnit unit() { return ThroughputUnit.GENERATED_AUDIO; }
        @Override public String headline() {
            return String.format(Locale.ROOT, "RTF %.3f, %s audio-s/s", realTimeFactor, Throughput.figure(audioSecondsPerSecond));
        }
    }

    /**
     * Diffusion.
     *
     * @param secondsPerImage wall-clock seconds for one batch divided by the images in it
     * @param iterationsPerSecond denoiser steps per second for the batch (diffusers' progress bar it/s)
     * @param steps sampler steps per image
     */
    record GeneratedImages(double secondsPerImage, double iterationsPerSecond, int steps, int resolution)
            implements Throughput {
        @Override public double itemsPerSecond() { return 1 / secondsPerImage; }
        @Override public ThroughputUnit unit() { return ThroughputUnit.GENERATED_IMAGES; }
        @Override public String headline() {
            return String.format(Locale.ROOT, "%.2f s/image, %s it/s (%d steps, %d px)", secondsPerImage,
                    Throughput.figure(iterationsPerSecond), steps, resolution);
        }
    }

    record Rows(double rowsPerSecond) implements Throughput {
        @Override public double itemsPerSecond() { return rowsPerSecond; }
        @Override public ThroughputUnit unit() { return ThroughputUnit.ROWS; }
        @Override public String headline() {
            return Throughput.figure(rowsPerSecond) + " rows/s";
        }
    }

    /** Three significant figures, no exponent. */
    static String figure(double v) {
        if (v >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (v >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (v >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
