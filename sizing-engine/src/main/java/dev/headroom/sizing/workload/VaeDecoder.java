package dev.headroom.sizing.workload;

/**
 * FLOPs of the Stable Diffusion VAE decoder (AutoencoderKL, used unchanged in width by SD 1.x/2.x, SDXL,
 * SD 3.x and FLUX.1, which differ only in latent channels), computed from its layer table: a 3x3 conv_in from
 * the latent to 512 channels; at 1/8 resolution a mid block (two ResNet blocks and one attention) and an up
 * block of three 512-channel ResNet blocks; then up blocks of (512, 512, 256, 128) channels with three ResNet
 * blocks each, each but the last followed by 2x upsampling and a 3x3 conv; a 3x3 conv_out to RGB
 * (diffusers {@code AutoencoderKL} config: block_out_channels [128, 256, 512, 512], layers_per_block 2 (+1 in the decoder)).
 * A ResNet block is two 3x3 convolutions (plus a 1x1 shortcut when the width changes).
 */
public final class VaeDecoder {
    private static final int[] UP_CHANNELS = {512, 512, 256, 128};

    private VaeDecoder() {
    }

    /** Real FLOPs (2 per multiply-add) to decode one {@code resolution x resolution} image from {@code latentChannels}. */
    public static double flops(int resolution, int latentChannels) {
        if (resolution <= 0 || resolution % 8 != 0) {
            throw new IllegalArgumentException("resolution: must be a positive multiple of 8, was " + resolution);
        }
        double side = resolution / 8.0;
        double macs = conv(latentChannels, 512, 3, side);
        macs += 2 * resnet(512, 512, side) + attention(512, side);
        int in = 512;
        for (int i = 0; i < UP_CHANNELS.length; i++) {
            int out = UP_CHANNELS[i];
            for (int b = 0; b < 3; b++) {
                macs += resnet(b == 0 ? in : out, out, side);
            }
            in = out;
            if (i < UP_CHANNELS.length - 1) {
                side *= 2;
                macs += conv(out, out, 3, side);
            }
        }
        macs += conv(128, 3, 3, side);
        return 2 * macs;
    }

    private static double conv(int in, int out, int k, double side) {
        return (double) in * out * k * k * side * side;
    }

    private static double resnet(int in, int out, double side) {
        return conv(in, out, 3, side) + conv(out, out, 3, side) + (in != out ? conv(in, out, 1, side) : 0);
    }

    /** Single-head self-attention over the latent positions: Q, K, V, O projections and the two n^2 products. */
    private static double attention(int c, double side) {
        double n = side * side;
        return 4.0 * n * c * c + 2.0 * n * n * c;
    }
}
