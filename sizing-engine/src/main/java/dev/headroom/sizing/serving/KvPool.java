package dev.headroom.sizing.serving;

/** Where a server keeps the KV cache of the sequences it runs. */
public sealed interface KvPool {
    /** Tokens of KV cache the pool holds in all. */
    long capacityTokens();

    /**
     * vLLM's paged pool: {@code blocks} blocks of {@code blockTokens} tokens shared by all sequences,
     * allocated as a sequence grows; when a running sequence needs a block and none is free, the
     * newest running sequence is preempted and recomputed later.
     */
    record Paged(long blocks, int blockTokens) implements KvPool {
        public Paged {
            if (blocks < 0 || blocks > Long.MAX_VALUE / 1_000_000) {
                throw new IllegalArgumentException("blocks: must be within 0.." + Long.MAX_VALUE / 1_000_000 + ", was " + blocks);
            }
            if (blockTokens < 1 || blockTokens > 1024) {
                throw new IllegalArgumentException("block size: must be within 1..1024 tokens, was " + blockTokens);
            }
        }

        @Override
        public long capacityTokens() {
            return blocks * blockTokens;
        }
    }

    /**
     * llama.cpp server and Ollama: {@code slots} fixed slots of {@code tokensPerSlot} tokens each
     * (llama.cpp: {@code n_ctx / --parallel}; Ollama: {@code num_ctx} per slot, {@code OLLAMA_NUM_PARALLEL} slots).
     * A request waits for a free slot; a prompt longer than a slot is refused; generation stops when the slot is full.
     */
    record Slots(int slots, long tokensPerSlot) implements KvPool {
        public Slots {
            if (slots < 1 || slots > 4096) {
                throw new IllegalArgumentException("parallel: must be within 1..4096 slots, was " + slots);
            }
            if (tokensPerSlot < 1 || tokensPerSlot > LengthDistribution.MAX_TOKENS) {
                throw new IllegalArgumentException("context per slot: must be within 1.." + LengthDistribution.MAX_TOKENS + ", was " + tokensPerSlot);
            }
        }

        @Override
        public long capacityTokens() {
            return slots * tokensPerSlot;
        }
    }
}
