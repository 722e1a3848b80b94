package dev.headroom.sizing.serving;

/**
 * A step model with closed-form answers for analytic tests: a decode step costs {@code fixed + perSequence x batch},
 * a prompt chunk {@code fixed + perPromptToken x tokens}; context does not matter.
 */
record LinearStepTime(double fixed, double perSequence, double perPromptToken) implements StepTimeModel {
    @Override
    public double decodeStepSeconds(int batch, long meanContext) {
        return fixed + perSequence * batch;
    }

    @Override
    public double prefillSeconds(long tokens, long contextSoFar) {
        return fixed + perPromptToken * tokens;
    }
}
