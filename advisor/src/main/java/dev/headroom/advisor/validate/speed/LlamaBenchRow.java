package dev.headroom.advisor.validate.speed;

import dev.headroom.catalog.Csv;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of {@code validation/llama_bench_llama2.csv}.
 *
 * @param rowId the row's id in the file
 * @param trust A (original log), B (faithful copy), C (secondary)
 * @param device the device as the source names it
 * @param deviceClass nvidia, apple, amd, intel, cpu
 * @param devices GPUs the model was split over
 * @param quant F16, Q8_0, Q4_0
 * @param paramsBillions 6.74, 13.02, 68.98 (Llama-2 7B, 13B, 70B)
 * @param test {@code tg128}, {@code pp512}, {@code tg1023(main)}, ...
 * @param tokensPerSecond the published rate
 * @param notes the file's notes
 */
public record LlamaBenchRow(int rowId, String trust, String device, String deviceClass, int devices, String quant,
                            double paramsBillions, String test, double tokensPerSecond, String notes) {
    static final String RESOURCE = "/validation/llama_bench_llama2.csv";
    private static final int MAX_ROWS = 100_000;

    public boolean generation() {
        return test.startsWith("tg");
    }

    /** Tokens in the test: 128 for {@code tg128}, 494 for {@code pp494(main)}. */
    public int testTokens() {
        String digits = test.substring(2).replaceAll("\\D.*$", "");
        return Integer.parseInt(digits);
    }

    /** Whether the row comes from llama.cpp's {@code main} program (n_ctx 512) rather than llama-bench. */
    public boolean fromMain() {
        return test.contains("(main)");
    }

    /** The bundled rows. */
    public static List<LlamaBenchRow> bundled() {
        try (InputStream in = LlamaBenchRow.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + ": bundled resource missing");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + ": " + e.getMessage(), e);
        }
    }

    static List<LlamaBenchRow> parse(BufferedReader reader) throws IOException {
        List<String> header = Csv.split(reader.readLine());
        List<LlamaBenchRow> rows = new ArrayList<>();
        String line;
        while ((line = reader.readLine()) != null && rows.size() < MAX_ROWS) {
            if (line.isBlank()) {
                continue;
            }
            List<String> f = Csv.split(line);
            if (f.size() != header.size()) {
                throw new IllegalArgumentException(RESOURCE + ": row " + (rows.size() + 2) + ": expected " + header.size() + " fields, was " + f.size());
            }
            rows.add(new LlamaBenchRow(Integer.parseInt(f.get(header.indexOf("row_id"))), f.get(header.indexOf("trust")),
                    f.get(header.indexOf("device")), f.get(header.indexOf("device_class")),
                    Integer.parseInt(f.get(header.indexOf("n_devices"))), f.get(header.indexOf("quant")),
                    Double.parseDouble(f.get(header.indexOf("params_b"))), f.get(header.indexOf("test")),
                    Double.parseDouble(f.get(header.indexOf("tokens_per_s"))), f.get(header.indexOf("notes"))));
        }
        return List.copyOf(rows);
    }
}
