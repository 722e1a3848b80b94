package dev.headroom.sizing.workload;

/**
 * FLOPs per second of audio of speech encoders' front ends, computed from their published layer tables.
 */
public final class SpeechFrontEnds {
    /** wav2vec2 / HuBERT / MMS feature encoder: (kernel, stride) of its seven 1-D convolutions (fairseq conv_feature_layers). */
    private static final int[][] WAV2VEC2_CONVS = {{10, 5}, {3, 2}, {3, 2}, {3, 2}, {3, 2}, {2, 2}, {2, 2}};
    private static final int SAMPLE_RATE = 16_000;

    private SpeechFrontEnds() {
    }

    /** The wav2vec2 convolutional feature encoder on 16 kHz audio with {@code channels} channels (512 in every size). */
    public static double wav2vec2FlopsPerSecond(int channels) {
        double length = SAMPLE_RATE;
        double macs = 0;
        int in = 1;
        for (int[] c : WAV2VEC2_CONVS) {
            length = Math.floor((length - c[0]) / c[1]) + 1;
            macs += length * channels * in * c[0];
            in = channels;
        }
        return 2 * macs;
    }

    /**
     * Conformer's 4x convolutional subsampling (two 3x3 stride-2 convolutions of {@code hidden} channels over
     * 100 mel frames/s of {@code mels} bins), Gulati et al. 2020 (arXiv:2005.08100), ESPnet Conv2dSubsampling.
     */
    public static double conformerFlopsPerSecond(int hidden, int mels) {
        double t1 = 49.5;
        double f1 = Math.floor((mels - 3) / 2.0) + 1;
        double t2 = 24.5;
        double f2 = Math.floor((f1 - 3) / 2.0) + 1;
        double macs = t1 * f1 * hidden * 9 + t2 * f2 * (double) hidden * hidden * 9 + 25 * f2 * hidden * (double) hidden;
        return 2 * macs;
    }
}
