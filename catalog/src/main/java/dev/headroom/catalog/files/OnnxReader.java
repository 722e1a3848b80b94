package dev.headroom.catalog.files;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an ONNX model file ({@code ModelProto}, onnx/onnx.proto) without a protobuf library: the IR version,
 * producer, opsets, the graph's nodes, inputs and outputs, and every initializer's name, type and dims,
 * with the exact length of its data, whether inline ({@code raw_data} or a typed field, skipped without
 * being read) or in an external-data file ({@code data_location = EXTERNAL}, {@code location/offset/length}).
 * Initializers of subgraphs (If/Loop bodies), sparse initializers and Constant nodes' tensors count too.
 *
 * <p>The file is untrusted: every length is checked against its enclosing message before it is used,
 * the counts of fields, tensors, nodes and dims and the bytes of kept strings are capped (constants
 * below), subgraph nesting is bounded, and external-data paths must stay inside the model's directory.
 */
public final class OnnxReader {
    public static final long MAX_FIELDS = 200_000_000L;
    public static final int MAX_TENSORS = 1_000_000;
    public static final int MAX_NODES = 2_000_000;
    /** More dims than any real tensor has (ONNX sets no limit; ONNX Runtime kernels take up to 8-12). */
    public static final int MAX_DIMS = 32;
    public static final int MAX_NAME_BYTES = 64 * 1024;
    /** Bytes of names and strings kept in memory across the whole file. */
    public static final long MAX_KEPT_BYTES = 64L * 1024 * 1024;
    public static final int MAX_GRAPH_DEPTH = 8;
    public static final int MAX_EXTERNAL_FILES = 10_000;
    /** Elements of one tensor: 2^50 (a petabyte of bytes), far above any model. */
    static final long MAX_ELEMENTS = 1L << 50;

    private final String name;
    private final ProtoCursor c;
    private final Path dir;
    private final List<OnnxTensor> tensors = new ArrayList<>();
    private final List<OnnxNode> nodes = new ArrayList<>();
    private final Map<String, List<Long>> inputs = new LinkedHashMap<>();
    private final Map<String, List<Long>> outputs = new LinkedHashMap<>();
    private final Map<String, Long> opsets = new LinkedHashMap<>();
    private final Set<String> externalFiles = new LinkedHashSet<>();
    private final Map<String, Long> externalSizes = new HashMap<>();
    private long kept;

    private OnnxReader(ByteSource src, Path dir) {
        this.name = src.name();
        this.c = new ProtoCursor(src, MAX_FIELDS);
        this.dir = dir;
    }

    /** Reads a file; external data is looked up beside it. */
    public static OnnxModel read(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        try (ByteSource src = ByteSource.open(file)) {
            return read(src, parent);
        }
    }

    /**
     * @param dir the directory external-data locations are relative to, or null when external data is not allowed
     */
    public static OnnxModel read(ByteSource src, Path dir) {
        return new OnnxReader(src, dir).model(src.size());
    }

    private OnnxModel model(long size) {
        long ir = 0;
        String producer = "";
        String version = "";
        boolean graph = false;
        while (!c.atEnd()) {
            int[] t = c.tag();
            switch (t[0]) {
                case 1 -> ir = varint(t, "ir_version");
                case 2 -> producer = string(t, "producer_name");
                case 3 -> version = string(t, "producer_version");
                case 7 -> {
                    long old = c.push(c.length("graph"), "graph");
                    graph(0);
                    c.pop(old);
                    graph = true;
                }
                case 8 -> opset();
                default -> c.skip(t[1], "ModelProto field " + t[0]);
            }
        }
        if (!graph) {
            throw new ModelFileException(name + ": no graph (not an ONNX model file)");
        }
        if (ir <= 0 || ir > 100) {
            throw new ModelFileException(name + ": ir_version " + ir + " is not an ONNX IR version (not an ONNX model file)");
        }
        Set<String> initializerNames = new java.util.HashSet<>();
        tensors.forEach(x -> initializerNames.add(x.name()));
        inputs.keySet().removeIf(initializerNames::contains);
        long fileBytes = size;
        for (long s : externalSizes.values()) {
            fileBytes = Math.addExact(fileBytes, s);
        }
        return new OnnxModel(name, ir, (producer + " " + version).trim(), opsets, tensors, nodes, inputs, outputs,
                new ArrayList<>(externalFiles), fileBytes);
    }

    private void opset() {
        long old = c.push(c.length("opset_import"), "opset_import");
        String domain = "";
        long version = 0;
        while (!c.atEnd()) {
            int[] t = c.tag();
            if (t[0] == 1 && t[1] == ProtoCursor.LEN) {
                domain = keep(c.string("opset domain", MAX_NAME_BYTES));
            } else if (t[0] == 2 && t[1] == ProtoCursor.VARINT) {
                version = c.varint("opset version");
            } else {
                c.skip(t[1], "opset field");
            }
        }
        c.pop(old);
        opsets.put(domain, version);
    }

    private void graph(int depth) {
        if (depth > MAX_GRAPH_DEPTH) {
            throw new ModelFileException(name + ": subgraphs nested deeper than " + MAX_GRAPH_DEPTH);
        }
        while (!c.atEnd()) {
            int[] t = c.tag();
            if (t[1] != ProtoCursor.LEN) {
                c.skip(t[1], "GraphProto field " + t[0]);
                continue;
            }
            switch (t[0]) {
                case 1 -> node(depth);
                case 5 -> nested(() -> tensor(null), "initializer");
                case 15 -> nested(this::sparse, "sparse_initializer");
                case 11 -> nested(() -> valueInfo(depth == 0 ? inputs : null), "graph input");
                case 12 -> nested(() -> valueInfo(depth == 0 ? outputs : null), "graph output");
                default -> c.skip(t[1], "GraphProto field " + t[0]);
            }
        }
    }

    private void node(int depth) {
        long old = c.push(c.length("node"), "node");
        List<String> in = new ArrayList<>();
        List<String> out = new ArrayList<>();
        Map<String, List<Long>> ints = new LinkedHashMap<>();
        String op = "";
        List<OnnxTensor> constants = new ArrayList<>();
        while (!c.atEnd()) {
            int[] t = c.tag();
            if (t[1] != ProtoCursor.LEN) {
                c.skip(t[1], "NodeProto field " + t[0]);
                continue;
            }
            switch (t[0]) {
                case 1 -> in.add(keep(c.string("node input", MAX_NAME_BYTES)));
                case 2 -> out.add(keep(c.string("node output", MAX_NAME_BYTES)));
                case 4 -> op = keep(c.string("op_type", MAX_NAME_BYTES));
                case 5 -> nested(() -> attribute(depth, ints, constants), "attribute");
                default -> c.skip(t[1], "NodeProto field " + t[0]);
            }
        }
        c.pop(old);
        if (op.equals("Constant")) {
            for (OnnxTensor k : constants) {
                add(new OnnxTensor(out.isEmpty() ? k.name() : out.get(0), k.type(), k.dims(), k.elements(), k.bytes(), k.externalFile()));
            }
        } else {
            constants.forEach(this::add);
        }
        if (depth == 0) {
            if (nodes.size() >= MAX_NODES) {
                throw new ModelFileException(name + ": more than " + MAX_NODES + " nodes");
            }
            nodes.add(new OnnxNode(op, in, out, ints));
        }
    }

    private void attribute(int depth, Map<String, List<Long>> ints, List<OnnxTensor> constants) {
        String attr = "";
        List<Long> values = new ArrayList<>();
        while (!c.atEnd()) {
            int[] t = c.tag();
            switch (t[0]) {
                case 1 -> attr = t[1] == ProtoCursor.LEN ? keep(c.string("attribute name", MAX_NAME_BYTES)) : skipped(t);
                case 3 -> {
                    if (t[1] == ProtoCursor.VARINT) {
                        values.add(c.varint("attribute i"));
                    } else {
                        c.skip(t[1], "attribute i");
                    }
                }
                case 8 -> {
                    if (t[1] == ProtoCursor.VARINT) {
                        addBounded(values, c.varint("attribute ints"));
                    } else if (t[1] == ProtoCursor.LEN) {
                        long n = c.length("attribute ints");
                        long end = c.position() + n;
                        while (c.position() < end) {
                            addBounded(values, c.varint("attribute ints"));
                        }
                    } else {
                        c.skip(t[1], "attribute ints");
                    }
                }
                case 5, 10 -> {
                    if (t[1] == ProtoCursor.LEN) {
                        nested(() -> constants.add(tensorValue(null)), "attribute tensor");
                    } else {
                        c.skip(t[1], "attribute tensor");
                    }
                }
                case 6, 11 -> {
                    if (t[1] == ProtoCursor.LEN) {
                        long old = c.push(c.length("subgraph"), "subgraph");
                        graph(depth + 1);
                        c.pop(old);
                    } else {
                        c.skip(t[1], "attribute graph");
                    }
                }
                default -> c.skip(t[1], "AttributeProto field " + t[0]);
            }
        }
        if (!values.isEmpty() && !attr.isEmpty()) {
            ints.put(attr, values);
        }
    }

    private String skipped(int[] t) {
        c.skip(t[1], "field " + t[0]);
        return "";
    }

    private void addBounded(List<Long> values, long v) {
        if (values.size() < MAX_DIMS) {
            values.add(v);
        }
    }

    private void sparse() {
        while (!c.atEnd()) {
            int[] t = c.tag();
            if (t[0] == 1 && t[1] == ProtoCursor.LEN) {
                nested(() -> tensor(null), "sparse values");
            } else {
                c.skip(t[1], "SparseTensorProto field " + t[0]);
            }
        }
    }

    private void tensor(String fallbackName) {
        add(tensorValue(fallbackName));
    }

    private void add(OnnxTensor t) {
        if (tensors.size() >= MAX_TENSORS) {
            throw new ModelFileException(name + ": more than " + MAX_TENSORS + " initializers");
        }
        tensors.add(t);
    }

    /** One TensorProto in the current message range. */
    private OnnxTensor tensorValue(String fallbackName) {
        List<Long> dims = new ArrayList<>();
        long type = 0;
        String tensorName = fallbackName == null ? "" : fallbackName;
        long raw = -1;
        long typed = 0;
        long strings = 0;
        boolean external = false;
        Map<String, String> ext = new HashMap<>();
        while (!c.atEnd()) {
            int[] t = c.tag();
            int f = t[0];
            int w = t[1];
            if (f == 1 && w == ProtoCursor.VARINT) {
                dim(dims, c.varint("dims"));
            } else if (f == 1 && w == ProtoCursor.LEN) {
                long n = c.length("dims");
                long end = c.position() + n;
                while (c.position() < end) {
                    dim(dims, c.varint("dims"));
                }
            } else if (f == 2 && w == ProtoCursor.VARINT) {
                type = c.varint("data_type");
            } else if (f == 8 && w == ProtoCursor.LEN) {
                tensorName = keep(c.string("tensor name", MAX_NAME_BYTES));
            } else if (f == 9 && w == ProtoCursor.LEN) {
                raw = c.length("raw_data");
                c.advance(raw, "raw_data");
            } else if ((f == 4 || f == 10) && w == ProtoCursor.LEN) {
                long n = c.length("float_data");
                typed += n / (f == 4 ? 4 : 8);
                c.advance(n, "float_data");
            } else if (f == 4 && w == ProtoCursor.FIXED32 || f == 10 && w == ProtoCursor.FIXED64) {
                typed++;
                c.skip(w, "float_data");
            } else if ((f == 5 || f == 7 || f == 11) && w == ProtoCursor.LEN) {
                typed += c.countVarints(c.length("int_data"), "int_data");
            } else if ((f == 5 || f == 7 || f == 11) && w == ProtoCursor.VARINT) {
                typed++;
                c.varint("int_data");
            } else if (f == 6 && w == ProtoCursor.LEN) {
                long n = c.length("string_data");
                strings = Math.addExact(strings, n);
                typed++;
                c.advance(n, "string_data");
            } else if (f == 13 && w == ProtoCursor.LEN) {
                nested(() -> entry(ext), "external_data");
            } else if (f == 14 && w == ProtoCursor.VARINT) {
                external = c.varint("data_location") == 1;
            } else {
                c.skip(w, "TensorProto field " + f);
            }
        }
        String where = name + ": tensor '" + tensorName + "'";
        OnnxDtype dtype = OnnxDtype.of(type, where);
        long elements = 1;
        for (long d : dims) {
            elements = Math.multiplyExact(elements, d);
            if (elements > MAX_ELEMENTS) {
                throw new ModelFileException(where + ": " + dims + " elements exceed the limit of 2^50");
            }
        }
        long expected = dtype == OnnxDtype.STRING ? strings : dtype.bytesFor(elements);
        if (external) {
            return new OnnxTensor(tensorName, dtype, dims, elements, externalBytes(where, ext, expected), ext.get("location"));
        }
        if (raw >= 0 && dtype != OnnxDtype.STRING && raw != expected) {
            throw new ModelFileException(where + ": raw_data has " + raw + " bytes but " + dtype + " " + dims + " needs " + expected);
        }
        if (raw < 0 && typed == 0 && elements > 0) {
            throw new ModelFileException(where + ": " + dims + " has no data (no raw_data, typed values or external location)");
        }
        return new OnnxTensor(tensorName, dtype, dims, elements, expected, "");
    }

    private void dim(List<Long> dims, long d) {
        if (d < 0) {
            throw new ModelFileException(name + ": negative tensor dimension " + d);
        }
        if (dims.size() >= MAX_DIMS) {
            throw new ModelFileException(name + ": a tensor with more than " + MAX_DIMS + " dims");
        }
        dims.add(d);
    }

    private long externalBytes(String where, Map<String, String> ext, long expected) {
        String location = ext.get("location");
        if (location == null || location.isBlank()) {
            throw new ModelFileException(where + ": external data without a location");
        }
        if (dir == null) {
            throw new ModelFileException(where + ": external data '" + location + "' but no directory to read it from");
        }
        Path p = dir.resolve(location).normalize();
        if (location.startsWith("/") || location.contains("\\") || Path.of(location).isAbsolute() || !p.startsWith(dir.normalize())) {
            throw new ModelFileException(where + ": external data location '" + location + "' is outside the model's directory");
        }
        Long size = externalSizes.get(location);
        if (size == null) {
            if (externalSizes.size() >= MAX_EXTERNAL_FILES) {
                throw new ModelFileException(name + ": more than " + MAX_EXTERNAL_FILES + " external-data files");
            }
            if (!Files.isRegularFile(p)) {
                throw new ModelFileException(where + ": external data file '" + location + "' is missing");
            }
            try {
                size = Files.size(p);
            } catch (java.io.IOException e) {
                throw new ModelFileException(where + ": cannot read '" + location + "': " + e.getMessage(), e);
            }
            externalSizes.put(location, size);
            externalFiles.add(location);
        }
        long offset = number(ext.get("offset"), 0, where, "offset");
        long length = number(ext.get("length"), expected, where, "length");
        if (length != expected) {
            throw new ModelFileException(where + ": external length " + length + " but its type and dims need " + expected + " bytes");
        }
        if (offset < 0 || offset > size || length > size - offset) {
            throw new ModelFileException(where + ": external bytes " + offset + ".." + (offset + length) + " run past the end of '"
                    + location + "' (" + size + " bytes)");
        }
        return length;
    }

    private static long number(String v, long fallback, String where, String field) {
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new ModelFileException(where + ": external " + field + " '" + v + "' is not an integer");
        }
    }

    private void entry(Map<String, String> out) {
        String key = null;
        String value = null;
        while (!c.atEnd()) {
            int[] t = c.tag();
            if (t[0] == 1 && t[1] == ProtoCursor.LEN) {
                key = keep(c.string("external_data key", MAX_NAME_BYTES));
            } else if (t[0] == 2 && t[1] == ProtoCursor.LEN) {
                value = keep(c.string("external_data value", MAX_NAME_BYTES));
            } else {
                c.skip(t[1], "external_data field");
            }
        }
        if (key != null && value != null) {
            out.put(key, value);
        }
    }

    /** ValueInfoProto: name and, for tensors, the shape (symbolic dims as -1). */
    private void valueInfo(Map<String, List<Long>> into) {
        String n = "";
        List<Long> dims = new ArrayList<>();
        while (!c.atEnd()) {
            int[] t = c.tag();
            if (t[0] == 1 && t[1] == ProtoCursor.LEN) {
                n = keep(c.string("value name", MAX_NAME_BYTES));
            } else if (t[0] == 2 && t[1] == ProtoCursor.LEN) {
                nested(() -> typeProto(dims), "value type");
            } else {
                c.skip(t[1], "ValueInfoProto field " + t[0]);
            }
        }
        if (into != null && !n.isEmpty()) {
            if (into.size() >= MAX_TENSORS) {
                throw new ModelFileException(name + ": more than " + MAX_TENSORS + " graph inputs/outputs");
            }
            into.put(n, dims);
        }
    }

    private void typeProto(List<Long> dims) {
        while (!c.atEnd()) {
            int[] t = c.tag();
            if (t[0] == 1 && t[1] == ProtoCursor.LEN) { // tensor_type
                nested(() -> {
                    while (!c.atEnd()) {
                        int[] u = c.tag();
                        if (u[0] == 2 && u[1] == ProtoCursor.LEN) { // shape
                            nested(() -> shape(dims), "shape");
                        } else {
                            c.skip(u[1], "tensor type field");
                        }
                    }
                }, "tensor_type");
            } else {
                c.skip(t[1], "TypeProto field " + t[0]);
            }
        }
    }

    private void shape(List<Long> dims) {
        while (!c.atEnd()) {
            int[] t = c.tag();
            if (t[0] == 1 && t[1] == ProtoCursor.LEN) {
                long[] value = {-1};
                nested(() -> {
                    while (!c.atEnd()) {
                        int[] u = c.tag();
                        if (u[0] == 1 && u[1] == ProtoCursor.VARINT) {
                            value[0] = c.varint("dim_value");
                        } else {
                            c.skip(u[1], "dimension field");
                        }
                    }
                }, "dim");
                if (dims.size() >= MAX_DIMS) {
                    throw new ModelFileException(name + ": a graph input with more than " + MAX_DIMS + " dims");
                }
                dims.add(value[0]);
            } else {
                c.skip(t[1], "shape field");
            }
        }
    }

    private void nested(Runnable body, String what) {
        long old = c.push(c.length(what), what);
        body.run();
        c.pop(old);
    }

    private long varint(int[] t, String what) {
        if (t[1] != ProtoCursor.VARINT) {
            c.skip(t[1], what);
            return 0;
        }
        return c.varint(what);
    }

    private String string(int[] t, String what) {
        if (t[1] != ProtoCursor.LEN) {
            c.skip(t[1], what);
            return "";
        }
        return keep(c.string(what, MAX_NAME_BYTES));
    }

    private String keep(String s) {
        kept += s.length();
        if (kept > MAX_KEPT_BYTES) {
            throw new ModelFileException(name + ": names and strings exceed " + MAX_KEPT_BYTES + " bytes (refusing a hostile file)");
        }
        return s;
    }
}
