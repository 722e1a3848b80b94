package dev.headroom.advisor;

import dev.headroom.sizing.Estimate;

/**
 * The recommendation for one model on one machine.
 *
 * @param modelId the model
 * @param verdict how it runs at the pick
 * @param pick the recommended precision and placement (for {@link Verdict#NO_FIT}: the smallest precision tried, with its shortfall)
 * @param maxQuality the highest precision that fits anywhere (null when nothing fits)
 * @param fastest the fastest precision that fits (null when nothing fits)
 * @param reason one line: why this pick
 */
public record Advice(String modelId, Verdict verdict, Estimate pick, Estimate maxQuality, Estimate fastest, String reason) {
    /** Verdicts in the order tables group them. */
    public enum Verdict {
        /** Whole model in GPU memory at a usable speed. */
        GPU("runs on GPU"),
        /** Layers split between GPU and host RAM, usable speed. */
        OFFLOAD("runs with offload"),
        /** Host RAM and CPU, usable speed. */
        CPU("runs on CPU"),
        /** Fits within the estimate's uncertainty of the limit. */
        BORDERLINE("borderline fit"),
        /** Fits, below the speed floor. */
        SLOW("fits, slow"),
        /** Nothing on the ladder fits. */
        NO_FIT("does not fit");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public boolean fits() {
        return verdict != Verdict.NO_FIT;
    }
}
