package resnetkit.bench;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import resnetkit.blocks.ShortcutOption;
import resnetkit.experiments.ResNetConfigs;
import resnetkit.family.Variant;

import java.util.List;
import java.util.Locale;

/**
 * One network the suite measures, with the input it takes. The CIFAR nets are the kit's (width 16, option-A
 * shortcuts for ResNets, none for plain nets); ResNet-50 is torchvision's layout (stride on the 3x3). The
 * PyTorch script ({@code torch_bench.py} beside this class) builds the same layers under the same names.
 */
public enum BenchCase {
    /** ResNet-20, CIFAR, 32x32x3: training and inference. */
    RESNET20("resnet20", "ResNet-20", 32, true),
    /** ResNet-56, CIFAR, 32x32x3: training and inference. */
    RESNET56("resnet56", "ResNet-56", 32, true),
    /** plain-56, CIFAR, 32x32x3: training and inference. */
    PLAIN56("plain56", "plain-56", 32, true),
    /** ResNet-50, ImageNet, 224x224x3: inference only (batch-1 latency, batch-32 throughput). */
    RESNET50("resnet50", "ResNet-50", 224, false);

    /** The name on the command line and in the PyTorch script. */
    public final String id;
    /** The name in the table. */
    public final String title;
    /** Input side (square, 3 channels). */
    public final int side;
    /** Whether the suite times training steps too. */
    public final boolean trains;

    BenchCase(String id, String title, int side, boolean trains) {
        this.id = id;
        this.title = title;
        this.side = side;
        this.trains = trains;
    }

    /** The network's configuration: float32, Adam 1e-3, seed 1. */
    public ComputationGraphConfiguration config() {
        return switch (this) {
            case RESNET20 -> ResNetConfigs.cifar(20, ShortcutOption.A_ZERO_PAD, 1);
            case RESNET56 -> ResNetConfigs.cifar(56, ShortcutOption.A_ZERO_PAD, 1);
            case PLAIN56 -> ResNetConfigs.cifar(56, ShortcutOption.NONE_PLAIN, 1);
            case RESNET50 -> ResNetConfigs.imagenet(Variant.RESNET50, 1000, 1);
        };
    }

    /** Number of classes of the head. */
    public int classes() {
        return this == RESNET50 ? 1000 : 10;
    }

    /** The case named {@code id} ("resnet20", ...). */
    public static BenchCase of(String id) {
        for (BenchCase c : values()) {
            if (c.id.equals(id.toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown model " + id + "; one of " + List.of(values()).stream()
                .map(c -> c.id).toList());
    }
}
