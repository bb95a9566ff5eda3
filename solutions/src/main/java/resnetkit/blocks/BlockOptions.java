package resnetkit.blocks;

/**
 * The documented choices a block builder takes beyond its shape.
 *
 * @param shortcut        what a {@link BasicBlock} adds to when the shape changes (a {@link Bottleneck}
 *                        always projects, option B)
 * @param stridePlacement where a {@link Bottleneck} strides
 */
public record BlockOptions(ShortcutOption shortcut, StridePlacement stridePlacement) {

    /** torchvision's choices: projection shortcuts, stride on the 3x3. */
    public static final BlockOptions TORCHVISION = new BlockOptions(ShortcutOption.B_PROJECTION,
            StridePlacement.THREE_BY_THREE);
}
