package dev.headroom.catalog.files;

import dev.headroom.sizing.model.ArchitectureExtensions;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.model.ParameterCounter;

/**
 * Rejects shapes read from untrusted files that no real model has, before anything iterates over them:
 * the engine's counter walks every layer, so a claimed two billion layers would take minutes and
 * gigabytes. The caps are far above every published model (the largest have a few hundred layers,
 * hidden sizes below 32K and vocabularies below 300K), then the parameter count must fit a {@code long}.
 */
public final class ArchitectureBounds {
    public static final int MAX_LAYERS = 4096;
    public static final int MAX_WIDTH = 1 << 20;
    public static final int MAX_VOCAB = 1 << 24;
    public static final int MAX_HEADS = 1 << 16;
    public static final int MAX_EXPERTS = 1 << 16;

    private ArchitectureBounds() {
    }

    /**
     * @throws ModelFileException naming the field beyond its cap, or the overflow
     */
    public static ModelArchitecture checked(ModelArchitecture a, String where) {
        cap(where, "layers", a.layers(), MAX_LAYERS);
        cap(where, "hiddenSize", a.hiddenSize(), MAX_WIDTH);
        cap(where, "intermediateSize", a.intermediateSize(), MAX_WIDTH * 4);
        cap(where, "headDim", a.headDim(), MAX_WIDTH);
        cap(where, "attentionHeads", a.attentionHeads(), MAX_HEADS);
        cap(where, "vocabSize", a.vocabSize(), MAX_VOCAB);
        cap(where, "experts", a.experts(), MAX_EXPERTS);
        cap(where, "learnedPositions", a.learnedPositions(), MAX_VOCAB);
        ArchitectureExtensions x = a.extensions();
        cap(where, "layerPattern length", x.layerPattern().length(), MAX_LAYERS);
        for (int[] f : new int[][] {{x.qLoraRank(), x.kvLoraRank(), x.qkRopeHeadDim(), x.qkNopeHeadDim(), x.vHeadDim(),
                x.moeIntermediateSize(), x.sharedExpertIntermediateSize(), x.ssmInnerSize(), x.ssmStateSize(), x.ssmConvKernel(),
                x.ssmDtRank(), x.linearKeyHeadDim(), x.linearValueHeadDim()}}) {
            for (int v : f) {
                cap(where, "extension width", v, MAX_WIDTH);
            }
        }
        for (int v : new int[] {x.sharedExperts(), x.ssmGroups(), x.ssmHeads(), x.linearKeyHeads(), x.linearValueHeads(),
                x.firstDenseLayers(), x.moeLayerPeriod()}) {
            cap(where, "extension count", v, MAX_HEADS);
        }
        try {
            ParameterCounter.totalParameters(a);
            ParameterCounter.activeParametersPerToken(a);
            return a;
        } catch (ArithmeticException e) {
            throw new ModelFileException(where + ": architecture " + a.layers() + " layers x hidden " + a.hiddenSize()
                    + " x vocab " + a.vocabSize() + " overflows a 64-bit parameter count");
        }
    }

    private static void cap(String where, String field, int value, int max) {
        if (value > max) {
            throw new ModelFileException(where + ": " + field + " " + value + " exceeds the limit of " + max);
        }
    }
}
