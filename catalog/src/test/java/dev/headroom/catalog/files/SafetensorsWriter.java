package dev.headroom.catalog.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes real safetensors files (8-byte LE header length, JSON header, zero-filled data), for tests. */
public final class SafetensorsWriter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ObjectNode header = JSON.createObjectNode();
    private long offset;

    public SafetensorsWriter tensor(String name, SafetensorsDtype dtype, long... shape) {
        long elements = 1;
        for (long d : shape) {
            elements *= d;
        }
        long bytes = dtype.bytesFor(elements);
        ObjectNode t = header.putObject(name);
        t.put("dtype", dtype.name());
        var s = t.putArray("shape");
        for (long d : shape) {
            s.add(d);
        }
        t.putArray("data_offsets").add(offset).add(offset + bytes);
        offset += bytes;
        return this;
    }

    public SafetensorsWriter metadata(Map<String, String> m) {
        ObjectNode n = header.putObject("__metadata__");
        m.forEach(n::put);
        return this;
    }

    public long dataBytes() {
        return offset;
    }

    public byte[] bytes() {
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GgufWriter.u64(out, json.length);
        out.writeBytes(json);
        out.writeBytes(new byte[(int) offset]);
        return out.toByteArray();
    }
}
