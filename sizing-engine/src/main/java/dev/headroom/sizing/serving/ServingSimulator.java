package dev.headroom.sizing.serving;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * A step-level discrete-event simulation of a continuous-batching server, as vLLM's V1 scheduler and
 * llama.cpp's server loop run one:
 *
 * <ol>
 *   <li>Each step first gives every running sequence its next tokens in arrival order: one token for a
 *       decoding sequence, a chunk of its remaining prompt for one still in prefill (chunked prefill),
 *       until the step's token budget ({@code max_num_batched_tokens} / {@code n_batch}) is spent.</li>
 *   <li>A paged pool allocates the blocks those tokens need; when none is free, the newest running
 *       sequence is preempted: its blocks are freed and it goes back to the head of the queue, to
 *       recompute its prompt and the tokens generated so far (vLLM's recompute preemption).</li>
 *   <li>If nothing was preempted, waiting requests are admitted in order while budget, blocks (or a free
 *       slot) and {@code max_num_seqs} allow, each with its first prompt chunk.</li>
 *   <li>The step lasts {@link StepTimeModel#stepSeconds}; a sequence whose cached tokens then cover its
 *       prompt and all sampled tokens samples one more token (the pass that ends the prompt samples the
 *       first output token).</li>
 * </ol>
 *
 * A closed loop's users start spread evenly over one cycle of a full server, then each sends its
 * next request when the last is answered (plus the think time).
 *
 * <p>Deterministic: arrivals and lengths come from two streams seeded by {@link Workload#seed()}; arrival
 * gaps are drawn at unit rate and scaled, so runs at different rates see the same requests, time-scaled.
 */
public final class ServingSimulator {
    /** Steps after which a run is abandoned as runaway (a pool thrashing on preemption). */
    static final long MAX_STEPS = 20_000_000L;

    private ServingSimulator() {
    }

    /**
     * @throws IllegalArgumentException when the pool cannot hold one sequence of {@code maxModelLen} tokens
     *     (vLLM refuses to start then; check {@link ServerConfig#holdsOneSequence()} first)
     */
    public static ServingResult run(ServerConfig server, StepTimeModel steps, Workload workload) {
        if (server == null || steps == null || workload == null) {
            throw new IllegalArgumentException("server, step model and workload are required");
        }
        if (!server.holdsOneSequence()) {
            throw new IllegalArgumentException("KV pool: holds " + server.pool().capacityTokens() + " tokens, fewer than one sequence of "
                    + server.maxModelLen() + " (max model length); the server would not start");
        }
        return new Run(server, steps, workload).execute();
    }

    private static final class Request {
        final int id;
        final long prompt;
        final long output;
        double arrival;
        long computed;
        long generated;
        double firstToken = Double.NaN;
        long blocks;
        boolean done;

        Request(int id, long prompt, long output) {
            this.id = id;
            this.prompt = prompt;
            this.output = output;
        }

        long remaining() {
            return prompt + generated - computed;
        }
    }

    private static final class Run {
        final ServerConfig server;
        final StepTimeModel steps;
        final Workload w;
        final boolean paged;
        final int blockTokens;
        final long slotTokens;
        final long[] prompts;
        final long[] outputs;
        final PriorityQueue<Request> pending = new PriorityQueue<>((a, b) -> a.arrival != b.arrival
                ? Double.compare(a.arrival, b.arrival) : Integer.compare(a.id, b.id));
        final ArrayDeque<Request> waiting = new ArrayDeque<>();
        final List<Request> running = new ArrayList<>();
        final List<Request> scheduled = new ArrayList<>();
        long[] chunks = new long[64];
        final double[] ttft;
        final double[] tpot;
        final double[] e2e;
        int measured;
        int tpotSamples;
        long freeBlocks;
        int issued;
        int completed;
        int rejected;
        int truncated;
        long preemptions;
        long stepCount;
        int peakRunning;
        double t;
        double areaInSystem;
        double areaRunning;
        long tokens;
        double lastArrival;
        double windowStart = Double.NaN;
        long windowStartTokens;
        int windowStartCompleted;
        double windowEnd = Double.NaN;
        double windowEndTokensAt = Double.NaN;
        long windowEndTokens;
        int windowEndCompleted;

        Run(ServerConfig server, StepTimeModel steps, Workload w) {
            this.server = server;
            this.steps = steps;
            this.w = w;
            this.paged = server.pool() instanceof KvPool.Paged;
            this.blockTokens = paged ? ((KvPool.Paged) server.pool()).blockTokens() : 1;
            this.slotTokens = paged ? Long.MAX_VALUE : ((KvPool.Slots) server.pool()).tokensPerSlot();
            this.freeBlocks = paged ? ((KvPool.Paged) server.pool()).blocks() : 0;
            int n = w.requests();
            prompts = new long[n];
            outputs = new long[n];
            SplittableRandom lengths = new SplittableRandom(w.seed() ^ 0x5DEECE66DL);
            for (int i = 0; i < n; i++) {
                prompts[i] = w.prompt().sample(lengths);
                outputs[i] = w.output().sample(lengths);
            }
            ttft = new double[n];
            tpot = new double[n];
            e2e = new double[n];
        }

        ServingResult execute() {
            schedule();
            if (w.warmupRequests() == 0) {
                markWindowStart();
            }
            int n = w.requests();
            while (completed + rejected < n) {
                while (!pending.isEmpty() && pending.peek().arrival <= t) {
                    Request r = pending.poll();
                    areaInSystem += t - r.arrival; // it arrived during the last step and waited for its end
                    waiting.addLast(r);
                }
                if (running.isEmpty() && waiting.isEmpty()) {
                    t = pending.peek().arrival;
                    continue;
                }
                if (!buildStep()) {
                    continue; // rejections or truncations only; look again at the same time
                }
                step();
                if (++stepCount > MAX_STEPS) {
                    throw new IllegalStateException("simulation: more than " + MAX_STEPS + " steps; the KV pool thrashes on preemption");
                }
            }
            return result();
        }

        /** Puts the first arrivals in the pending queue: all of a Poisson run, one per user of a closed loop. */
        private void schedule() {
            if (w.arrivals() instanceof Arrivals.Poisson p) {
                SplittableRandom gaps = new SplittableRandom(w.seed());
                double at = 0;
                for (int i = 0; i < w.requests(); i++) {
                    if (i > 0) {
                        at += -Math.log(1 - gaps.nextDouble()) / p.requestsPerSecond();
                    }
                    issue(at);
                }
            } else {
                // Users do not start in lockstep: their first requests are spread evenly over one cycle of
                // a full server, every user's prompt pass plus the decode steps of one answer (an upper bound:
                // spread over less, arrivals pile up behind the long prefill steps and, with fixed lengths,
                // stay in cohorts that prefill together for the whole run).
                Arrivals.ClosedLoop c = (Arrivals.ClosedLoop) w.arrivals();
                long prompt = Math.round(w.prompt().mean());
                int batch = Math.min(c.users(), server.maxRunning());
                double cycle = batch * steps.prefillSeconds(prompt, 0) + Math.max(0, w.output().mean() - 1)
                        * steps.decodeStepSeconds(batch, Math.round(prompt + w.output().mean() / 2));
                for (int u = 0; u < c.users() && issued < w.requests(); u++) {
                    issue(cycle * u / c.users());
                }
            }
        }

        private void issue(double at) {
            Request r = new Request(issued, prompts[issued], outputs[issued]);
            r.arrival = at;
            issued++;
            pending.add(r);
            lastArrival = at;
            if (issued == w.requests()) {
                markWindowEndAt(at);
            }
        }

        /** Chooses this step's sequences and token counts; false when only refusals happened. */
        private boolean buildStep() {
            scheduled.clear();
            long budget = server.tokenBudget();
            boolean preempted = false;
            boolean refused = false;
            for (int i = 0; i < running.size() && budget > 0; i++) {
                Request r = running.get(i);
                long chunk = Math.min(r.remaining(), budget);
                if (paged) {
                    long need = blocksFor(r.computed + chunk) - r.blocks;
                    boolean self = false;
                    while (need > freeBlocks) {
                        Request victim = running.get(running.size() - 1);
                        preempt(victim);
                        preempted = true;
                        if (victim == r) {
                            self = true;
                            break;
                        }
                    }
                    if (self) {
                        break;
                    }
                    freeBlocks -= need;
                    r.blocks += need;
                } else if (r.computed + chunk > slotTokens) {
                    // The slot is full: llama.cpp stops the generation (context shift is off by default).
                    running.remove(i--);
                    truncated++;
                    finish(r, t);
                    refused = true;
                    continue;
                }
                add(r, chunk);
                budget -= chunk;
            }
            while (!preempted && budget > 0 && running.size() < server.maxRunning() && !waiting.isEmpty()) {
                Request r = waiting.peekFirst();
                if (r.prompt + r.output > server.maxModelLen() && (paged || r.prompt >= slotTokens)) {
                    waiting.pollFirst();
                    rejected++;
                    refused = true;
                    next(t);
                    continue;
                }
                long chunk = Math.min(r.remaining(), budget);
                if (paged) {
                    long need = blocksFor(r.computed + chunk);
                    if (need > freeBlocks) {
                        break;
                    }
                    freeBlocks -= need;
                    r.blocks = need;
                }
                waiting.pollFirst();
                running.add(r);
                add(r, chunk);
                budget -= chunk;
            }
            if (scheduled.isEmpty() && !refused) {
                throw new IllegalStateException("simulation: no sequence could be scheduled at t=" + t);
            }
            return !scheduled.isEmpty();
        }

        private void add(Request r, long chunk) {
            if (scheduled.size() == chunks.length) {
                chunks = java.util.Arrays.copyOf(chunks, chunks.length * 2);
            }
            chunks[scheduled.size()] = chunk;
            scheduled.add(r);
        }

        private void preempt(Request victim) {
            running.remove(running.size() - 1);
            freeBlocks += victim.blocks;
            victim.blocks = 0;
            victim.computed = 0;
            waiting.addFirst(victim);
            preemptions++;
        }

        private long blocksFor(long tokensHeld) {
            return (tokensHeld + blockTokens - 1) / blockTokens;
        }

        private void step() {
            int decoding = 0;
            long decodeContext = 0;
            long prefillTokens = 0;
            double prefillContext = 0;
            for (int i = 0; i < scheduled.size(); i++) {
                Request r = scheduled.get(i);
                long chunk = chunks[i];
                if (chunk == 1 && r.computed >= r.prompt) {
                    decoding++;
                    decodeContext += r.computed;
                } else {
                    prefillTokens += chunk;
                    prefillContext += (double) chunk * r.computed;
                }
            }
            double dt = steps.stepSeconds(decoding, decoding == 0 ? 0 : decodeContext / decoding, prefillTokens,
                    prefillTokens == 0 ? 0 : Math.round(prefillContext / prefillTokens));
            if (!(dt > 0) || Double.isInfinite(dt)) {
                throw new IllegalStateException("step time model: a step must take a positive finite time, was " + dt);
            }
            double end = t + dt;
            areaInSystem += (waiting.size() + running.size()) * dt;
            areaRunning += scheduled.size() * dt;
            peakRunning = Math.max(peakRunning, scheduled.size());
            t = end;
            boolean anyDone = false;
            for (int i = 0; i < scheduled.size(); i++) {
                Request r = scheduled.get(i);
                r.computed += chunks[i];
                if (r.computed == r.prompt + r.generated) {
                    r.generated++;
                    tokens++;
                    if (r.generated == 1 && Double.isNaN(r.firstToken)) {
                        r.firstToken = end;
                    }
                    if (r.generated >= r.output) {
                        finish(r, end);
                        anyDone = true;
                    }
                }
            }
            if (anyDone) {
                running.removeIf(r -> r.done);
            }
            if (!Double.isNaN(windowEnd) && Double.isNaN(windowEndTokensAt) && t >= windowEnd) {
                windowEndTokensAt = t;
                windowEndTokens = tokens;
                windowEndCompleted = completed;
            }
        }

        private void finish(Request r, double at) {
            r.done = true;
            freeBlocks += r.blocks;
            r.blocks = 0;
            completed++;
            if (r.id >= w.warmupRequests()) {
                double first = Double.isNaN(r.firstToken) ? at : r.firstToken;
                ttft[measured] = first - r.arrival;
                e2e[measured] = at - r.arrival;
                measured++;
                if (r.generated > 1) {
                    tpot[tpotSamples++] = (at - first) / (r.generated - 1);
                }
            }
            if (completed == w.warmupRequests()) {
                markWindowStart();
            }
            next(at);
        }

        /** A closed-loop user sends its next request after the think time. */
        private void next(double at) {
            if (w.arrivals() instanceof Arrivals.ClosedLoop c && issued < w.requests()) {
                issue(at + c.thinkSeconds());
            }
        }

        private void markWindowStart() {
            windowStart = t;
            windowStartTokens = tokens;
            windowStartCompleted = completed;
        }

        private void markWindowEndAt(double at) {
            windowEnd = at;
        }

        private ServingResult result() {
            double span = t;
            double tokensPerSecond;
            double requestsPerSecond;
            if (!Double.isNaN(windowStart) && !Double.isNaN(windowEndTokensAt) && windowEndTokensAt > windowStart
                    && windowEndTokens > windowStartTokens) {
                double window = windowEndTokensAt - windowStart;
                tokensPerSecond = (windowEndTokens - windowStartTokens) / window;
                requestsPerSecond = (windowEndCompleted - windowStartCompleted) / window;
            } else {
                tokensPerSecond = span > 0 ? tokens / span : 0;
                requestsPerSecond = span > 0 ? completed / span : 0;
            }
            return new ServingResult(completed, rejected, truncated, preemptions, span, stepCount, tokensPerSecond, requestsPerSecond,
                    span > 0 ? areaRunning / span : 0, peakRunning, span > 0 ? areaInSystem / span : 0,
                    Percentiles.of(ttft, measured), Percentiles.of(tpot, tpotSamples), Percentiles.of(e2e, measured));
        }
    }
}
