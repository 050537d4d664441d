package dev.switchboard.adapter.in.tcp.common.codec;

import java.util.Random;
import java.util.function.Function;

/**
 * Runs a property: a generator makes a value from a seeded {@link Random}, a check asserts on
 * it, so many times. Every try has its own seed, printed when the check fails, so one failing
 * input can be replayed exactly ({@code -Dswitchboard.fuzz.replay=SEED}); a bigger run is
 * {@code -Dswitchboard.fuzz.scale=10} (ten times the tries), another sequence
 * {@code -Dswitchboard.fuzz.seed=N}.
 */
public final class Fuzz {

    private static final long SEED = Long.getLong("switchboard.fuzz.seed", 20_261_201L);
    private static final double SCALE = Double.parseDouble(System.getProperty("switchboard.fuzz.scale", "1"));
    private static final Long REPLAY = Long.getLong("switchboard.fuzz.replay");
    private static final int SHOWN_CHARS = 2000;

    private Fuzz() {
    }

    /** A check that may throw anything: an exception out of the code under test fails the property. */
    @FunctionalInterface
    public interface Check<T> {
        void accept(T value) throws Exception;
    }

    /** Runs {@code tries} tries (times the scale) of the property; fails with the seed and the input that falsified it. */
    public static <T> void forAll(int tries, Function<Random, T> generator, Check<T> check) {
        if (REPLAY != null) {
            run(REPLAY, -1, generator, check);
            return;
        }
        int n = (int) Math.max(1, Math.round(tries * SCALE));
        // each property its own sequence, the same on every run: seeded by the calling test's name
        String caller = StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst()
                .map(f -> f.getClassName() + "." + f.getMethodName()).orElse(""));
        Random seeds = new Random(SEED ^ caller.hashCode());
        for (int i = 0; i < n; i++) {
            run(seeds.nextLong(), i, generator, check);
        }
    }

    private static <T> void run(long seed, int attempt, Function<Random, T> generator, Check<T> check) {
        T value = generator.apply(new Random(seed));
        try {
            check.accept(value);
        } catch (Throwable e) {
            String shown = DecoderHarness.describe(value);
            if (shown.length() > SHOWN_CHARS) {
                shown = shown.substring(0, SHOWN_CHARS) + "... (" + shown.length() + " characters)";
            }
            throw new AssertionError("falsified at try " + attempt + "; replay with -Dswitchboard.fuzz.replay=" + seed
                    + "\ninput: " + shown + "\n" + e, e);
        }
    }
}
