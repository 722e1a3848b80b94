package dev.headroom.bench.decoder;

import dev.headroom.bench.kernels.Kernels;
import dev.headroom.bench.kernels.QuantizedMatrix;
import dev.headroom.bench.kernels.RowParallel;
import dev.headroom.bench.kernels.WeightFormat;

/**
 * A Llama-style decoder forward pass for one token at a time: RMSNorm, Q/K/V projections, RoPE,
 * grouped-query attention over an F32 KV cache, output projection, gated SiLU MLP, final norm and
 * output head. Weights are random; shapes and storage formats are real, so time per token is what a
 * CPU inference engine with these kernels would spend. Each layer makes four parallel dispatches
 * (QKV, output, gate+up, down) — the model's per-layer overhead.
 */
public final class SyntheticDecoder {
    /** Parallel dispatches per layer (QKV, attention output, gate+up, down). */
    public static final int DISPATCHES_PER_LAYER = 4;

    private final DecoderShape shape;
    private final Kernels kernels;
    private final RowParallel parallel;
    private final QuantizedMatrix[][] attention; // per layer: q, k, v, o
    private final QuantizedMatrix[][] mlp; // per layer: gate, up, down
    private final QuantizedMatrix head;
    private final float[][] keyCache;
    private final float[][] valueCache;
    private final int maxContext;
    private final float[] x;
    private final float[] xb;
    private final float[] q;
    private final float[] k;
    private final float[] v;
    private final float[] att;
    private final float[] o;
    private final float[] gate;
    private final float[] up;
    private final float[] down;
    private final float[] logits;
    private final float[] scores;
    private final float[] ropeCos;
    private final float[] ropeSin;
    private int position;

    /**
     * @param format format of the layer matrices
     * @param headFormat format of the output head (llama.cpp keeps it in a larger type for small formats)
     */
    public SyntheticDecoder(DecoderShape shape, WeightFormat format, WeightFormat headFormat, int maxContext, Kernels kernels,
                            RowParallel parallel) {
        if (maxContext < 1 || maxContext > 1 << 16) {
            throw new IllegalArgumentException("maxContext: must be within 1..65536, was " + maxContext);
        }
        this.shape = shape;
        this.kernels = kernels;
        this.parallel = parallel;
        this.maxContext = maxContext;
        int h = shape.hidden();
        int kv = shape.kvWidth();
        attention = new QuantizedMatrix[shape.layers()][];
        mlp = new QuantizedMatrix[shape.layers()][];
        long seed = 1;
        for (int l = 0; l < shape.layers(); l++) {
            attention[l] = new QuantizedMatrix[] {
                QuantizedMatrix.random(format, h, h, seed++), QuantizedMatrix.random(format, kv, h, seed++),
                QuantizedMatrix.random(format, kv, h, seed++), QuantizedMatrix.random(format, h, h, seed++)};
            mlp[l] = new QuantizedMatrix[] {
                QuantizedMatrix.random(format, shape.ffn(), h, seed++), QuantizedMatrix.random(format, shape.ffn(), h, seed++),
                QuantizedMatrix.random(format, h, shape.ffn(), seed++)};
        }
        head = QuantizedMatrix.random(headFormat, shape.vocab(), h, seed);
        keyCache = new float[shape.layers()][maxContext * kv];
        valueCache = new float[shape.layers()][maxContext * kv];
        x = new float[h];
        xb = new float[h];
        q = new float[h];
        k = new float[kv];
        v = new float[kv];
        att = new float[h];
        o = new float[h];
        gate = new float[shape.ffn()];
        up = new float[shape.ffn()];
        down = new float[h];
        logits = new float[shape.vocab()];
        scores = new float[maxContext];
        ropeCos = new float[shape.headDim() / 2];
        ropeSin = new float[shape.headDim() / 2];
    }

    /** Bytes of all weight matrices (what one token streams). */
    public long weightBytes() {
        long total = head.bytes();
        for (int l = 0; l < shape.layers(); l++) {
            for (QuantizedMatrix m : attention[l]) {
                total += m.bytes();
            }
            for (QuantizedMatrix m : mlp[l]) {
                total += m.bytes();
            }
        }
        return total;
    }

    public int position() {
        return position;
    }

    /** Forgets the context. */
    public void reset() {
        position = 0;
    }

    /** Runs one token through the model and returns its highest logit (so no work is dead). */
    public float next(int token) {
        if (position >= maxContext) {
            throw new IllegalStateException("context full at " + maxContext + " tokens");
        }
        int h = shape.hidden();
        for (int i = 0; i < h; i++) {
            x[i] = (float) Math.sin(token * 31 + i) * 0.1f;
        }
        ropeTable(position);
        for (int l = 0; l < shape.layers(); l++) {
            rmsNorm(x, xb);
            QuantizedMatrix[] a = attention[l];
            matVecs(new QuantizedMatrix[] {a[0], a[1], a[2]}, xb, new float[][] {q, k, v});
            rope(q, position);
            rope(k, position);
            System.arraycopy(k, 0, keyCache[l], position * k.length, k.length);
            System.arraycopy(v, 0, valueCache[l], position * v.length, v.length);
            attend(l);
            matVecs(new QuantizedMatrix[] {a[3]}, att, new float[][] {o});
            for (int i = 0; i < h; i++) {
                x[i] += o[i];
            }
            rmsNorm(x, xb);
            QuantizedMatrix[] f = mlp[l];
            matVecs(new QuantizedMatrix[] {f[0], f[1]}, xb, new float[][] {gate, up});
            for (int i = 0; i < gate.length; i++) {
                float g = gate[i];
                gate[i] = g / (1f + (float) Math.exp(-g)) * up[i];
            }
            matVecs(new QuantizedMatrix[] {f[2]}, gate, new float[][] {down});
            for (int i = 0; i < h; i++) {
                x[i] += down[i];
            }
        }
        rmsNorm(x, xb);
        matVecs(new QuantizedMatrix[] {head}, xb, new float[][] {logits});
        position++;
        float best = Float.NEGATIVE_INFINITY;
        for (float logit : logits) {
            best = Math.max(best, logit);
        }
        return best;
    }

    /** One parallel dispatch over the rows of several matrices sharing one input. */
    private void matVecs(QuantizedMatrix[] ms, float[] in, float[][] outs) {
        int total = 0;
        for (QuantizedMatrix m : ms) {
            total += m.rows();
        }
        parallel.run(total, (from, to) -> {
            int offset = 0;
            for (int i = 0; i < ms.length; i++) {
                int rows = ms[i].rows();
                int lo = Math.max(from, offset);
                int hi = Math.min(to, offset + rows);
                if (lo < hi) {
                    kernels.matVec(ms[i], in, outs[i], lo - offset, hi - offset);
                }
                offset += rows;
            }
        });
    }

    private static void rmsNorm(float[] in, float[] out) {
        double ss = 0;
        for (float f : in) {
            ss += f * f;
        }
        float scale = (float) (1 / Math.sqrt(ss / in.length + 1e-5));
        for (int i = 0; i < in.length; i++) {
            out[i] = in[i] * scale;
        }
    }

    /** Rotation angles of the current position, one cos/sin pair per two dimensions of a head (computed once per token). */
    private void ropeTable(int pos) {
        int hd = shape.headDim();
        for (int i = 0; i < hd; i += 2) {
            double angle = pos * Math.pow(10000, -(double) i / hd);
            ropeCos[i / 2] = (float) Math.cos(angle);
            ropeSin[i / 2] = (float) Math.sin(angle);
        }
    }

    private void rope(float[] vec, int pos) {
        int hd = shape.headDim();
        for (int i = 0; i < vec.length; i += 2) {
            float c = ropeCos[(i % hd) / 2];
            float s = ropeSin[(i % hd) / 2];
            float a = vec[i];
            float b = vec[i + 1];
            vec[i] = a * c - b * s;
            vec[i + 1] = a * s + b * c;
        }
    }

    private void attend(int layer) {
        int hd = shape.headDim();
        int group = shape.heads() / shape.kvHeads();
        int kvw = shape.kvWidth();
        float inv = (float) (1 / Math.sqrt(hd));
        for (int head = 0; head < shape.heads(); head++) {
            int qo = head * hd;
            int ko = (head / group) * hd;
            float max = Float.NEGATIVE_INFINITY;
            for (int t = 0; t <= position; t++) {
                float s = 0;
                int base = t * kvw + ko;
                for (int i = 0; i < hd; i++) {
                    s += q[qo + i] * keyCache[layer][base + i];
                }
                scores[t] = s * inv;
                max = Math.max(max, scores[t]);
            }
            float sum = 0;
            for (int t = 0; t <= position; t++) {
                scores[t] = (float) Math.exp(scores[t] - max);
                sum += scores[t];
            }
            for (int i = 0; i < hd; i++) {
                att[qo + i] = 0;
            }
            for (int t = 0; t <= position; t++) {
                float w = scores[t] / sum;
                int base = t * kvw + ko;
                for (int i = 0; i < hd; i++) {
                    att[qo + i] += w * valueCache[layer][base + i];
                }
            }
        }
    }
}
