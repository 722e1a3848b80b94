package dev.headroom.bench.kernels;

/**
 * llama.cpp's generic (non-SIMD) dot products in plain Java ({@code ggml_vec_dot_*_generic}, ggml-cpu/quants.c):
 * integer sums per block, scaled per block in float. The fallback without the Vector API and the integer reference
 * the vector kernels are tested against.
 */
public final class IntegerScalarKernels implements IntegerKernels {
    @Override
    public String name() {
        return "int-scalar";
    }

    @Override
    public void matVec(QuantizedMatrix m, Activations x, float[] out, int from, int to) {
        IntegerKernels.check(m, x, out, from, to);
        for (int r = from; r < to; r++) {
            out[r] = dot(m, r, x);
        }
    }

    static float dot(QuantizedMatrix m, int row, Activations x) {
        int n = m.cols;
        int base = row * n;
        return switch (m.format) {
            case F32 -> {
                float s = 0;
                for (int i = 0; i < n; i++) {
                    s += m.f32[base + i] * x.values[i];
                }
                yield s;
            }
            case F16 -> {
                float s = 0;
                for (int i = 0; i < n; i++) {
                    s += Half.toFloat(m.f16[base + i]) * x.values[i];
                }
                yield s;
            }
            case Q8_0 -> {
                float s = 0;
                for (int b = 0; b < n / 32; b++) {
                    int sum = 0;
                    for (int j = 0; j < 32; j++) {
                        sum += m.quants[base + b * 32 + j] * x.q[b * 32 + j];
                    }
                    s += sum * (Half.toFloat(m.scales[base / 32 + b]) * x.d[b]);
                }
                yield s;
            }
            case Q4_0 -> {
                float s = 0;
                for (int b = 0; b < n / 32; b++) {
                    int q = (base + b * 32) / 2;
                    int sum = 0;
                    for (int j = 0; j < 16; j++) {
                        int v = m.quants[q + j];
                        sum += ((v & 0xF) - 8) * x.q[b * 32 + j] + (((v >> 4) & 0xF) - 8) * x.q[b * 32 + 16 + j];
                    }
                    s += sum * Half.toFloat(m.scales[base / 32 + b]) * x.d[b];
                }
                yield s;
            }
            case Q4_K -> dotQ4K(m, row, x);
            case Q6_K -> dotQ6K(m, row, x);
            case K4 -> throw new IllegalArgumentException("K4 has no integer kernel (llama.cpp's Q4_K layout is WeightFormat.Q4_K)");
        };
    }

    private static float dotQ4K(QuantizedMatrix m, int row, Activations x) {
        int[] scale = new int[8];
        int[] min = new int[8];
        int blocks = m.cols / 256;
        float s = 0;
        for (int sb = 0; sb < blocks; sb++) {
            int global = row * blocks + sb;
            QuantizedMatrix.unpackQ4KScales(m.subScales, global * 12, scale, min);
            int mins = 0;
            for (int g = 0; g < 16; g++) {
                mins += x.bsums[sb * 16 + g] * min[g / 2];
            }
            int sum = 0;
            for (int j = 0; j < 4; j++) {
                int lo = 0;
                int hi = 0;
                for (int l = 0; l < 32; l++) {
                    int v = m.quants[global * 128 + 32 * j + l];
                    lo += (v & 0xF) * x.q[sb * 256 + 64 * j + l];
                    hi += ((v >> 4) & 0xF) * x.q[sb * 256 + 64 * j + 32 + l];
                }
                sum += scale[2 * j] * lo + scale[2 * j + 1] * hi;
            }
            float dy = x.d[sb];
            s += Half.toFloat(m.scales[2 * global]) * dy * sum - Half.toFloat(m.scales[2 * global + 1]) * dy * mins;
        }
        return s;
    }

    private static float dotQ6K(QuantizedMatrix m, int row, Activations x) {
        int blocks = m.cols / 256;
        float s = 0;
        for (int sb = 0; sb < blocks; sb++) {
            int global = row * blocks + sb;
            int sum = 0;
            for (int h = 0; h < 2; h++) {
                int ql = global * 128 + 64 * h;
                int qh = global * 64 + 32 * h;
                int sc = global * 16 + 8 * h;
                int o = sb * 256 + 128 * h;
                for (int part = 0; part < 2; part++) {
                    int s1 = 0;
                    int s2 = 0;
                    int s3 = 0;
                    int s4 = 0;
                    for (int l = 16 * part; l < 16 * part + 16; l++) {
                        int a = m.quants[ql + l];
                        int b = m.quants[ql + l + 32];
                        int hb = m.high[qh + l];
                        s1 += (((a & 0xF) | ((hb & 3) << 4)) - 32) * x.q[o + l];
                        s2 += (((b & 0xF) | (((hb >> 2) & 3) << 4)) - 32) * x.q[o + l + 32];
                        s3 += ((((a >> 4) & 0xF) | (((hb >> 4) & 3) << 4)) - 32) * x.q[o + l + 64];
                        s4 += ((((b >> 4) & 0xF) | (((hb >> 6) & 3) << 4)) - 32) * x.q[o + l + 96];
                    }
                    sum += m.subScales[sc + part] * s1 + m.subScales[sc + part + 2] * s2
                            + m.subScales[sc + part + 4] * s3 + m.subScales[sc + part + 6] * s4;
                }
            }
            s += Half.toFloat(m.scales[global]) * x.d[sb] * sum;
        }
        return s;
    }
}
