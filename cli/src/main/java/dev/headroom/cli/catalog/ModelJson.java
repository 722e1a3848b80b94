package dev.headroom.cli.catalog;

import dev.headroom.advisor.catalog.Fit;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.catalog.CatalogModel;
import dev.headroom.catalog.ModelDetails;
import dev.headroom.catalog.SizeTier;
import dev.headroom.catalog.files.ModelFiles;
import dev.headroom.cli.Json;
import dev.headroom.sizing.model.ModelArchitecture;
import java.util.List;
import java.util.Map;

/** JSON shapes of catalog entries, local model files and fits. */
final class ModelJson {
    private ModelJson() {
    }

    static ObjectNode model(CatalogModel m) {
        ObjectNode n = Json.object();
        n.put("id", m.id());
        n.put("name", m.name());
        n.put("family", m.family());
        strings(n.putArray("domains"), m.domains());
        strings(n.putArray("tasks"), m.tasks());
        n.put("category", m.category());
        strings(n.putArray("aliases"), m.aliases());
        n.put("parameters", m.parameterCount());
        ModelDetails d = m.details();
        n.put("parameterBasis", d.parameterBasis().label());
        if (m.hasArchitecture()) {
            n.set("architecture", architecture(m.architecture()));
        }
        if (!d.shape().isEmpty()) {
            ObjectNode s = n.putObject("shape");
            d.shape().forEach(s::put);
        }
        if (!d.referenceInput().isEmpty()) {
            n.put("referenceInput", d.referenceInput());
        }
        if (d.gflopsPerInput() > 0) {
            n.put("gflopsPerInput", d.gflopsPerInput());
        }
        if (d.activationBytesEstimate() >= 0) {
            n.put("activationBytesEstimate", d.activationBytesEstimate());
        }
        if (d.embeddingDimension() > 0) {
            n.put("embeddingDimension", d.embeddingDimension());
        }
        if (d.downloadBytes() >= 0) {
            n.put("downloadBytes", d.downloadBytes());
        }
        if (!d.sizeTiers().isEmpty()) {
            ArrayNode tiers = n.putArray("sizeTiers");
            for (SizeTier t : d.sizeTiers()) {
                ObjectNode tn = tiers.addObject();
                tn.put("maxRows", t.maxRows());
                tn.put("minBytes", t.minBytes());
                tn.put("maxBytes", t.maxBytes());
            }
        }
        n.put("license", m.license());
        n.put("hostable", m.hostable());
        strings(n.putArray("runtimes"), m.runtimes());
        strings(n.putArray("downloads"), d.downloads());
        strings(n.putArray("sources"), m.sources());
        if (!d.notes().isEmpty()) {
            n.put("notes", d.notes());
        }
        return n;
    }

    /** Every architecture field the catalog format has (headroom-models/1), so the output reads back as a catalog entry. */
    static ObjectNode architecture(ModelArchitecture a) {
        return dev.headroom.catalog.ModelCatalogReader.architectureJson(a);
    }

    static ObjectNode files(ModelFiles f) {
        ObjectNode n = Json.object();
        n.put("path", f.path());
        n.put("name", f.name());
        n.put("format", f.format());
        strings(n.putArray("files"), f.files());
        n.put("fileBytes", f.fileBytes());
        n.put("tensorBytes", f.tensorBytes());
        n.put("tensorCount", f.tensorCount());
        n.put("parameters", f.parameters());
        ObjectNode byType = n.putObject("bytesByType");
        for (Map.Entry<String, Long> e : f.bytesByType().entrySet()) {
            byType.put(e.getKey(), e.getValue());
        }
        if (f.hasArchitecture()) {
            n.set("architecture", architecture(f.architecture()));
        } else {
            n.putNull("architecture");
        }
        strings(n.putArray("notes"), f.notes());
        return n;
    }

    static ObjectNode fit(Fit f) {
        ObjectNode n = Json.object();
        n.put("fits", f.fits());
        n.put("where", f.where());
        n.put("precision", f.precision());
        n.put("neededBytes", f.neededBytes());
        if (f.rate() > 0) {
            n.put("rate", f.rate());
            n.put("rateUnit", f.rateUnit());
        }
        n.put("basis", f.basis());
        return n;
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }
}
