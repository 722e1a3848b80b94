package dev.headroom.bench.kernels;

/**
 * Plain Java loops over the block layouts: the fallback when the Vector API module is absent. Q4_K and Q6_K
 * (llama.cpp's super-block layouts) are dequantized row by row and dotted in float: the float reference, not a fast path
 * (the integer kernels, {@link IntegerKernels}, run those formats the way llama.cpp does).
 */
public final class ScalarKernels implements Kernels {
    private static final ThreadLocal<float[]> ROW = ThreadLocal.withInitial(() -> new float[0]);

    static float dequantizedDot(QuantizedMatrix m, int row, float[] x) {
        float[] w = ROW.get();
        if (w.length < m.cols) {
            w = new float[m.cols];
            ROW.set(w);
        }
        m.dequantizeRow(row, w);
        float s = 0;
        for (int i = 0; i < m.cols; i++) {
            s += w[i] * x[i];
        }
        return s;
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public float dot(QuantizedMatrix m, int row, float[] x) {
        int n = m.cols;
        int base = row * n;
        switch (m.format) {
            case F32: {
                float s = 0;
                for (int i = 0; i < n; i++) {
                    s += m.f32[base + i] * x[i];
                }
                return s;
            }
            case F16: {
                float s = 0;
                for (int i = 0; i < n; i++) {
                    s += Half.toFloat(m.f16[base + i]) * x[i];
                }
                return s;
            }
            case Q8_0: {
                float s = 0;
                for (int b = 0; b < n / 32; b++) {
                    float acc = 0;
                    int q = base + b * 32;
                    for (int i = 0; i < 32; i++) {
                        acc += m.quants[q + i] * x[b * 32 + i];
                    }
                    s += acc * Half.toFloat(m.scales[base / 32 + b]);
                }
                return s;
            }
            case Q4_0: {
                float s = 0;
                for (int b = 0; b < n / 32; b++) {
                    float acc = 0;
                    int q = (base + b * 32) / 2;
                    for (int i = 0; i < 16; i++) {
                        int v = m.quants[q + i];
                        acc += ((v & 0xF) - 8) * x[b * 32 + i] + (((v >> 4) & 0xF) - 8) * x[b * 32 + 16 + i];
                    }
                    s += acc * Half.toFloat(m.scales[base / 32 + b]);
                }
                return s;
            }
            case K4: {
                float s = 0;
                for (int sb = 0; sb < n / 256; sb++) {
                    int global = base / 256 + sb;
                    float d = Half.toFloat(m.scales[2 * global]);
                    float dmin = Half.toFloat(m.scales[2 * global + 1]);
                    for (int pair = 0; pair < 4; pair++) {
                        int sub = (base / 32) + sb * 8 + pair * 2;
                        int q = (base + sb * 256) / 2 + pair * 32;
                        int xo = sb * 256 + pair * 64;
                        float lo = 0;
                        float hi = 0;
                        float xlo = 0;
                        float xhi = 0;
                        for (int i = 0; i < 32; i++) {
                            int v = m.quants[q + i];
                            lo += (v & 0xF) * x[xo + i];
                            hi += ((v >> 4) & 0xF) * x[xo + 32 + i];
                            xlo += x[xo + i];
                            xhi += x[xo + 32 + i];
                        }
                        s += d * (m.subScales[2 * sub] * lo + m.subScales[2 * sub + 2] * hi)
                                - dmin * (m.subScales[2 * sub + 1] * xlo + m.subScales[2 * sub + 3] * xhi);
                    }
                }
                return s;
            }
            case Q4_K:
            case Q6_K:
                return dequantizedDot(m, row, x);
            default:
                throw new IllegalStateException("unknown format " + m.format);
        }
    }
}
