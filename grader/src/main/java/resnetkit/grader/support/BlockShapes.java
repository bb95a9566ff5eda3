package resnetkit.grader.support;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ArbitrarySupplier;

/** The arbitraries of block shapes that several graded properties share: {@code @ForAll(supplier = ...)}. */
public final class BlockShapes {

    private BlockShapes() {
    }

    /** A block's stride: 1 (same side) or 2 (downsampling); the chapter's blocks use no other. */
    public static final class Strides implements ArbitrarySupplier<Integer> {
        @Override
        public Arbitrary<Integer> get() {
            return Arbitraries.of(1, 2);
        }
    }
}
