package dev.headroom.sizing.workload;

/** The unit a domain's users count throughput in. */
public enum ThroughputUnit {
    /** Images per second at a resolution (classification, detection, segmentation, image embeddings). */
    IMAGES("images/s"),
    /** Inputs (sentences, documents, queries) per second, and tokens per second. */
    SEQUENCES("inputs/s"),
    /** Speech recognition: real-time factor and audio hours per hour. */
    AUDIO("audio-h/h"),
    /** Generated speech or music: real-time factor and audio seconds per second. */
    GENERATED_AUDIO("audio-s/s"),
    /** Diffusion: seconds per image and denoiser iterations per second. */
    GENERATED_IMAGES("s/image"),
    /** Forecasts (series) per second. */
    SERIES("series/s"),
    /** Tabular rows per second. */
    ROWS("rows/s");

    private final String label;

    ThroughputUnit(String label) {
        this.label = label;
    }

    /** The unit as shown ({@code images/s}, {@code audio-h/h}, ...). */
    public String label() {
        return label;
    }
}
