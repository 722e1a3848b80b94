package dev.headroom.cli.catalog;

import dev.headroom.catalog.files.ModelFileInspector;
import dev.headroom.catalog.files.ModelFiles;
import dev.headroom.cli.ExitCodes;
import dev.headroom.cli.Json;
import dev.headroom.cli.Table;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code headroom catalog import PATH}: the exact sizes and architecture of a local GGUF, safetensors or ONNX file or model folder. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Read a .gguf, .safetensors or .onnx file, or a folder with config.json and shards or model.onnx; print exact sizes and the architecture.")
public final class CatalogImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", description = "A .gguf, .safetensors or .onnx file, or a model folder.")
    Path path;

    @Mixin
    CatalogOptions options;

    @Override
    public Integer call() {
        ModelFiles f = ModelFileInspector.inspect(path);
        PrintWriter out = spec.commandLine().getOut();
        String match = catalogMatch(f);
        if (options.json) {
            com.fasterxml.jackson.databind.node.ObjectNode n = ModelJson.files(f);
            n.put("catalogId", match);
            out.println(Json.write(n));
            return ExitCodes.OK;
        }
        print(out, f);
        CatalogShowCommand.line(out, "catalog", match.equals("-") ? "no catalog entry has this name" : "matches catalog entry " + match);
        return ExitCodes.OK;
    }

    /** The catalog id whose id or alias is this model's name, or "-" (a broken user catalog does not stop the import). */
    private String catalogMatch(ModelFiles f) {
        try {
            dev.headroom.catalog.ModelCatalog c = options.load();
            return c.contains(f.name()) ? c.get(f.name()).id() : "-";
        } catch (dev.headroom.catalog.CatalogException e) {
            return "-";
        }
    }

    static void print(PrintWriter out, ModelFiles f) {
        CatalogShowCommand.line(out, "model", f.name() + " (" + f.format() + ", " + f.files().size() + " file" + (f.files().size() == 1 ? "" : "s") + ")");
        CatalogShowCommand.line(out, "tensors", String.format(Locale.ROOT, "%,d tensors, %,d bytes (%s) exact", f.tensorCount(), f.tensorBytes(),
                Format.bytes(f.tensorBytes())));
        CatalogShowCommand.line(out, "files", String.format(Locale.ROOT, "%,d bytes on disk (%s)", f.fileBytes(), Format.bytes(f.fileBytes())));
        CatalogShowCommand.line(out, "parameters", String.format(Locale.ROOT, "%,d (%s)", f.parameters(), Format.count(Math.max(1, f.parameters()))));
        Table t = new Table("type", "bytes>", "size>", "share>");
        for (Map.Entry<String, Long> e : f.bytesByType().entrySet()) {
            t.row(e.getKey(), String.format(Locale.ROOT, "%,d", e.getValue()), Format.bytes(e.getValue()),
                    String.format(Locale.ROOT, "%.1f%%", f.tensorBytes() == 0 ? 0 : 100.0 * e.getValue() / f.tensorBytes()));
        }
        t.print(out);
        if (f.hasArchitecture()) {
            CatalogShowCommand.architecture(out, f.architecture(), -1);
        } else {
            CatalogShowCommand.line(out, "layers", "no decoder architecture found");
        }
        f.notes().forEach(n -> CatalogShowCommand.line(out, "note", n));
    }
}
