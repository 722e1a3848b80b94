package dev.headroom.catalog.files;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small ONNX models (protobuf wire format by hand, IR version 8, opset 13): FP32 initializers
 * inline or in an external-data file, nodes with integer attributes, graph inputs and outputs. It exists
 * so headroom can build a real network to run and read without downloading one ({@code headroom bench
 * --model} tests, {@link OnnxReader} tests); it writes only what {@link OnnxReader} reads back.
 */
public final class OnnxWriter {
    private final List<byte[]> nodes = new ArrayList<>();
    private final List<byte[]> initializers = new ArrayList<>();
    private final List<byte[]> inputs = new ArrayList<>();
    private final List<byte[]> outputs = new ArrayList<>();
    private final ByteArrayOutputStream external = new ByteArrayOutputStream();
    private String externalName;
    private long seed = 42;

    /** Stores later initializers' data in an external file of this name (relative to the model). */
    public OnnxWriter externalData(String fileName) {
        this.externalName = fileName;
        return this;
    }

    /** An FP32 initializer of the given shape filled with small pseudo-random values (He-scaled for fan-in). */
    public OnnxWriter weight(String name, long... dims) {
        long n = 1;
        for (long d : dims) {
            n = Math.multiplyExact(n, d);
        }
        long fanIn = dims.length > 1 ? n / dims[0] : 1;
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(n * 4)).order(ByteOrder.LITTLE_ENDIAN);
        double scale = Math.sqrt(2.0 / Math.max(1, fanIn));
        for (long i = 0; i < n; i++) {
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            b.putFloat((float) (((seed >>> 40) / (double) (1L << 24) - 0.5) * 2 * scale));
        }
        return tensor(name, 1, dims, b.array());
    }

    /** An initializer of any type with its little-endian bytes. */
    public OnnxWriter tensor(String name, int dataType, long[] dims, byte[] data) {
        Proto t = new Proto();
        t.packedVarints(1, dims);
        t.varint(2, dataType);
        t.string(8, name);
        if (externalName != null) {
            long offset = external.size();
            external.writeBytes(data);
            t.message(13, new Proto().string(1, "location").string(2, externalName));
            t.message(13, new Proto().string(1, "offset").string(2, Long.toString(offset)));
            t.message(13, new Proto().string(1, "length").string(2, Long.toString(data.length)));
            t.varint(14, 1);
        } else {
            t.bytes(9, data);
        }
        initializers.add(t.toByteArray());
        return this;
    }

    /** A node; {@code ints} are integer attributes ({@code strides: [1, 1]}). */
    public OnnxWriter node(String opType, List<String> in, List<String> out, Map<String, long[]> ints) {
        Proto n = new Proto();
        in.forEach(s -> n.string(1, s));
        out.forEach(s -> n.string(2, s));
        n.string(3, opType + "_" + nodes.size());
        n.string(4, opType);
        new LinkedHashMap<>(ints).forEach((k, v) -> {
            Proto a = new Proto().string(1, k);
            if (v.length == 1 && !k.equals("kernel_shape") && !k.equals("strides") && !k.equals("pads")) {
                a.varint(3, v[0]).varint(20, 2); // INT
            } else {
                a.packedVarints(8, v).varint(20, 7); // INTS
            }
            n.message(5, a);
        });
        nodes.add(n.toByteArray());
        return this;
    }

    /** A float graph input of this shape (-1 writes a symbolic {@code N} dim). */
    public OnnxWriter input(String name, long... dims) {
        inputs.add(valueInfo(name, dims));
        return this;
    }

    public OnnxWriter output(String name, long... dims) {
        outputs.add(valueInfo(name, dims));
        return this;
    }

    private static byte[] valueInfo(String name, long[] dims) {
        Proto shape = new Proto();
        for (long d : dims) {
            shape.message(1, d < 0 ? new Proto().string(2, "N") : new Proto().varint(1, d));
        }
        Proto tensorType = new Proto().varint(1, 1).message(2, shape);
        return new Proto().string(1, name).message(2, new Proto().message(1, tensorType)).toByteArray();
    }

    /** The ModelProto bytes. */
    public byte[] model() {
        Proto g = new Proto();
        nodes.forEach(n -> g.bytes(1, n));
        g.string(2, "headroom-synthetic");
        initializers.forEach(t -> g.bytes(5, t));
        inputs.forEach(v -> g.bytes(11, v));
        outputs.forEach(v -> g.bytes(12, v));
        return new Proto().varint(1, 8).string(2, "headroom").string(3, "1").message(7, g)
                .message(8, new Proto().string(1, "").varint(2, 13)).toByteArray();
    }

    /** The external-data bytes written so far (empty without {@link #externalData}). */
    public byte[] externalBytes() {
        return external.toByteArray();
    }

    /** Protobuf wire-format encoder. */
    static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Proto varint(int field, long v) {
            rawVarint((long) field << 3);
            rawVarint(v);
            return this;
        }

        Proto bytes(int field, byte[] b) {
            rawVarint((long) field << 3 | 2);
            rawVarint(b.length);
            out.writeBytes(b);
            return this;
        }

        Proto string(int field, String s) {
            return bytes(field, s.getBytes(StandardCharsets.UTF_8));
        }

        Proto message(int field, Proto m) {
            return bytes(field, m.toByteArray());
        }

        Proto packedVarints(int field, long[] values) {
            Proto p = new Proto();
            for (long v : values) {
                p.rawVarint(v);
            }
            return bytes(field, p.toByteArray());
        }

        void rawVarint(long v) {
            while ((v & ~0x7fL) != 0) {
                out.write((int) (v & 0x7f) | 0x80);
                v >>>= 7;
            }
            out.write((int) v);
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
