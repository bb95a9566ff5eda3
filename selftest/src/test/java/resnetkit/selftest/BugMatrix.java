package resnetkit.selftest;

import java.util.List;

import static resnetkit.selftest.Mutant.edit;

/** The library of wrong implementations the grader must reject, each with the test that catches it. */
final class BugMatrix {

    static final String BASIC = "resnetkit/blocks/BasicBlock.java";
    static final String SHORTCUT = "resnetkit/blocks/Shortcut.java";
    static final String BOTTLENECK = "resnetkit/blocks/Bottleneck.java";
    static final String TRY_THIS = "resnetkit/blocks/ShortcutTryThis.java";
    static final String RESNETS = "resnetkit/family/ResNets.java";
    static final String IDENTITY = "resnetkit/highway/IdentityIsEasy.java";
    static final String SKIP = "resnetkit/highway/SkipGradient.java";
    static final String ZERO_INIT = "resnetkit/highway/ZeroInit.java";
    static final String FLOW = "resnetkit/highway/GradientFlow.java";
    static final String DEGRADATION = "resnetkit/degradation/Degradation.java";
    static final String DROP = "resnetkit/dropblock/DropBlock.java";
    static final String VARIANT = "resnetkit/family/Variant.java";

    private BugMatrix() {
    }

    static final List<Mutant> MUTANTS = List.of(
            new Mutant("relu-before-add", "a ReLU on the residual branch before the addition", BASIC,
                    List.of(edit("String beforeRelu = name(block, \"bn2\");",
                            "g.addLayer(name(block, \"relu2\"), Layers.relu(), name(block, \"bn2\"));"
                                    + " String beforeRelu = name(block, \"relu2\");")),
                    List.of("20.2.1 the relu comes after the addition"), "ReLU(x - 1)"),
            new Mutant("relu-on-shortcut", "a ReLU on the shortcut before the addition", BASIC,
                    List.of(edit("beforeRelu, shortcut);",
                            "beforeRelu, shortcut + \".relu\");"),
                            edit("String shortcut = Shortcut.build(g, block, input, inChannels, planes * EXPANSION,"
                                            + " stride, option);",
                                    "String shortcut = Shortcut.build(g, block, input, inChannels, planes * EXPANSION,"
                                            + " stride, option); g.addLayer(shortcut + \".relu\", Layers.relu(),"
                                            + " shortcut);")),
                    List.of("20.2.1 output equals the oracle in inference mode"), "relative error"),
            new Mutant("projection-always", "a projection shortcut on every block", SHORTCUT,
                    List.of(edit("return stride != 1 || inChannels != outChannels;", "return true;")),
                    List.of("20.2.1 an identity shortcut adds no vertex and no parameter",
                            "20.2.1 the shortcut projects exactly when the shape changes"),
                    "the shortcut must add zero parameters when stride = 1 and channels match"),
            new Mutant("no-projection-on-channel-change", "no projection when only the channel count changes",
                    SHORTCUT, List.of(edit("return stride != 1 || inChannels != outChannels;", "return stride != 1;")),
                    List.of("20.2.1 the shortcut projects exactly when the shape changes"),
                    "a projection is needed exactly when the block strides or changes the channel count"),
            new Mutant("stride-on-second-conv", "the basic block strides on its second 3x3", BASIC,
                    List.of(edit("Layers.conv3x3(inChannels, planes, stride)", "Layers.conv3x3(inChannels, planes, 1)"),
                            edit("Layers.conv3x3(planes, planes, 1)", "Layers.conv3x3(planes, planes, stride)")),
                    List.of("20.2.1 output equals the oracle in inference mode"), "relative error"),
            new Mutant("bn-missing", "no batch norm after the first convolution", BASIC,
                    List.of(edit("g.addLayer(name(block, \"bn1\"), Layers.batchNorm(planes), name(block, \"conv1\"));",
                                    ""),
                            edit("Layers.relu(), name(block, \"bn1\")", "Layers.relu(), name(block, \"conv1\")")),
                    List.of("20.2.1 vertices are named and wired as the contract says"),
                    "Expected a vertex <layer2.0.bn1>"),
            new Mutant("conv-biases", "convolutions with biases before a batch norm", BASIC,
                    List.of(edit("Layers.conv3x3(inChannels, planes, stride)",
                            "Layers.conv(inChannels, planes, 3, stride, 1, true)")),
                    List.of("20.2.1 parameter count matches the formula"), "two bias-free 3x3 convs"),
            new Mutant("add-reads-inner-vertex", "the addition reads an inner vertex instead of the block input",
                    BASIC, List.of(edit("beforeRelu, shortcut);",
                            "beforeRelu, shortcut.equals(input) ? name(block, \"relu1\") : shortcut);")),
                    List.of("20.2.1 an identity shortcut adds no vertex and no parameter"),
                    "Expected <layer2.0.add> to read"),
            new Mutant("conv-biases-everywhere", "both 3x3 convolutions with biases: the oracle reads shapes from"
                    + " the contract, not from the network", BASIC,
                    List.of(edit("Layers.conv3x3(inChannels, planes, stride)",
                                    "Layers.conv(inChannels, planes, 3, stride, 1, true)"),
                            edit("Layers.conv3x3(planes, planes, 1)", "Layers.conv(planes, planes, 3, 1, 1, true)")),
                    List.of("20.2.1 output equals the oracle in inference mode",
                            "20.2.1 output equals the oracle in training mode",
                            "20.2.1 parameter count matches the formula"),
                    "layer2.0.conv1 must be a bias-free 3x3 convolution"),
            new Mutant("bottleneck-wide-3x3", "a bottleneck whose 3x3 runs at 4 x planes channels", BOTTLENECK,
                    List.of(edit("Layers.conv1x1(inChannels, planes, stride1)",
                                    "Layers.conv1x1(inChannels, outChannels, stride1)"),
                            edit("Layers.batchNorm(planes), name(block, \"conv1\")",
                                    "Layers.batchNorm(outChannels), name(block, \"conv1\")"),
                            edit("Layers.conv3x3(planes, planes, stride3)",
                                    "Layers.conv3x3(outChannels, outChannels, stride3)"),
                            edit("Layers.batchNorm(planes), name(block, \"conv2\")",
                                    "Layers.batchNorm(outChannels), name(block, \"conv2\")"),
                            edit("Layers.conv1x1(planes, outChannels, 1)", "Layers.conv1x1(outChannels, outChannels, 1)")),
                    List.of("20.2.3 output equals the oracle", "20.2.3 parameter count matches the formula"),
                    "layer3.0.conv1 must be a bias-free 1x1 convolution"),
            new Mutant("no-final-relu", "the block returns the addition: no ReLU after it", BASIC,
                    List.of(edit("        g.addLayer(name(block, \"relu\"), Layers.relu(), beforeRelu);\n"
                            + "        return name(block, \"relu\");", "        return beforeRelu;")),
                    List.of("20.2.1 output equals the oracle in training mode",
                            "20.2.1 vertices are named and wired as the contract says"),
                    "Expected a vertex <layer2.0.relu> (the ReLU after the add"),
            new Mutant("add-reads-conv2", "the addition reads conv2 instead of bn2", BASIC,
                    List.of(edit("String beforeRelu = name(block, \"bn2\");",
                            "String beforeRelu = name(block, \"conv2\");")),
                    List.of("20.2.1 an identity shortcut adds no vertex and no parameter"),
                    "the Add must read layer2.0.bn2"),
            new Mutant("bottleneck-expansion-2", "a bottleneck that expands to 2 x planes", BOTTLENECK,
                    List.of(edit("public static final int EXPANSION = 4;", "public static final int EXPANSION = 2;")),
                    List.of("20.2.3 output has four times planes channels and ceil side over stride"),
                    "4 x planes"),
            new Mutant("bottleneck-stride-swapped", "the bottleneck strides on the wrong convolution", BOTTLENECK,
                    List.of(edit("placement == StridePlacement.FIRST_ONE_BY_ONE ? stride : 1",
                                    "placement == StridePlacement.THREE_BY_THREE ? stride : 1"),
                            edit("int stride3 = placement == StridePlacement.THREE_BY_THREE ? stride : 1;",
                                    "int stride3 = placement == StridePlacement.FIRST_ONE_BY_ONE ? stride : 1;")),
                    List.of("20.2.3 the stride sits on the chosen convolution"), "stride"),
            new Mutant("bottleneck-relu-before-add", "a ReLU on the bottleneck's branch before the addition",
                    BOTTLENECK, List.of(edit("new ElementWiseVertex(ElementWiseVertex.Op.Add), name(block, \"bn3\"),"
                            + " shortcut);", "new ElementWiseVertex(ElementWiseVertex.Op.Add), name(block, \"relu3\"),"
                            + " shortcut); g.addLayer(name(block, \"relu3\"), Layers.relu(), name(block, \"bn3\"));")),
                    List.of("20.2.3 output equals the oracle"), "relative error"),
            new Mutant("try-this-counts-every-layer", "counting every layer of the block, not only the shortcut's",
                    TRY_THIS, List.of(edit("vertex.startsWith(BLOCK + \".downsample.\")",
                            "vertex.startsWith(BLOCK + \".\")")),
                    List.of("20.2.2 the chapter counts zero two and two shortcut layers"), "identity shortcut, no layer"),
            new Mutant("stride-in-every-block", "every block of a stage strides", RESNETS,
                    List.of(edit("i == 0 ? stride : 1", "stride")),
                    List.of("20.2.4 each stage has its blocks and only the first block strides"), "must not stride"),
            new Mutant("stage-missing", "a stage count off by one: three ImageNet stages", RESNETS,
                    List.of(edit("for (int s = 0; s < variant.blocksPerStage.size(); s++)",
                            "for (int s = 0; s < variant.blocksPerStage.size() - 1; s++)")),
                    List.of("20.2.4 RESNET18 has 11689512 trainable parameters"), "trainable parameters of RESNET18"),
            new Mutant("resnet101-with-resnet50-counts", "ResNet-101 built with ResNet-50's [3, 4, 6, 3] blocks",
                    VARIANT, List.of(edit("RESNET101(BlockType.BOTTLENECK, 3, 4, 23, 3)",
                            "RESNET101(BlockType.BOTTLENECK, 3, 4, 6, 3)")),
                    List.of("20.2.4 each stage has its blocks and only the first block strides",
                            "20.2.4 RESNET101 has 44549160 trainable parameters"), "RESNET101: layer3 must have 23 blocks"),
            new Mutant("maxpool-without-stride", "a stem max pool that does not downsample", RESNETS,
                    List.of(edit("Layers.maxPool(3, 2, 1)", "Layers.maxPool(3, 1, 1)")),
                    List.of("20.2.4 stem and head follow torchvision"), "maxpool stride"),
            new Mutant("cifar-widths-linear", "CIFAR widths 16/32/48 instead of 16/32/64", RESNETS,
                    List.of(edit("int planes = width << s;", "int planes = width * (s + 1);")),
                    List.of("20.2.4 CIFAR ResNet-20 option B PROJECTION has 272474"),
                    "trainable parameters of CIFAR ResNet-20"),
            new Mutant("cifar-without-depth-check", "a CIFAR builder that accepts any depth", RESNETS,
                    List.of(edit("int n = cifarBlocksPerStage(depth);", "int n = Math.max(1, (depth - 2) / 6);")),
                    List.of("20.2.4 a cifar depth that is not 6n plus 2 is rejected"), "6n+2"),
            new Mutant("non-negative-counterexample", "a counterexample without a negative component", IDENTITY,
                    List.of(edit("java.util.Arrays.fill(x, -1.0);", "java.util.Arrays.fill(x, 1.0);")),
                    List.of("20.3.1 even w identity and b zero are beaten by the returned input"),
                    "must have a negative component"),
            new Mutant("exit-in-identity-is-easy", "System.exit in exercise 20.3.1's code (on a path never taken)",
                    IDENTITY, List.of(edit("java.util.Arrays.fill(x, -1.0);",
                            "java.util.Arrays.fill(x, -1.0);\n        if (x.length > 1000) {\n"
                                    + "            System.exit(3);\n        }")),
                    List.of("20.3.1 even w identity and b zero are beaten by the returned input",
                            "20.3.1 a residual block adds its input to relu of w x plus b"),
                    "the code of exercise 20.3.1 breaks the kit's rules"),
            new Mutant("residual-returns-x", "a residual block that forgets F(x)", IDENTITY,
                    List.of(edit("y[i] = f[i] + x[i];", "y[i] = x[i];")),
                    List.of("20.3.1 a residual block adds its input to relu of w x plus b"), "ReLU(w x + b) + x"),
            new Mutant("gradient-before-the-add", "the gradient taken on the wrong side of the add (F's output)",
                    SKIP, List.of(edit("        g.addVertex(ADD, new ElementWiseVertex(ElementWiseVertex.Op.Add), F, input);\n",
                            ""), edit("        return ADD;\n", "        return F;\n")),
                    List.of("S3.1 with f zeroed the gradient passes the skip unchanged",
                            "S3.1 dl4j gradient matches centred differences"), "the skip's '+ dL/dy'"),
            new Mutant("zero-init-every-bn", "zeroing every batch norm of a block, not only the last", ZERO_INIT,
                    List.of(edit("            blocks++;", "            net.setParam(block + \".bn1_gamma\","
                            + " net.getParam(block + \".bn1_gamma\").mul(0));\n            blocks++;")),
                    List.of("S3.2 hidden: only the last batch norm scale of each block changes"), "must be left as it was"),
            new Mutant("flow-weight-norms", "norms of the weights instead of their gradients", FLOW,
                    List.of(edit("gradient.getGradientFor(v.getVertexName() + \"_W\")",
                            "net.getParam(v.getVertexName() + \"_W\")")),
                    List.of("S3.3 hidden: norms are the gradients of every convolution in forward order"), "the gradient's norm"),
            new Mutant("plain-nets-other-learning-rate", "the four nets trained with different settings", DEGRADATION,
                    List.of(edit("settings.updater(), settings.weightDecay());",
                            "residual ? settings.updater() : new org.nd4j.linalg.learning.config.Adam(1e-2),"
                                    + " settings.weightDecay());")),
                    List.of("20.3.2 build net gives the specified plain and residual nets"), "identical settings"),
            new Mutant("test-error-as-training-error", "the test error reported as the training error", DEGRADATION,
                    List.of(edit("evalMode[e] = Evaluation.error(net, train, settings.batch());",
                            "evalMode[e] = Evaluation.error(net, test, settings.batch());")),
                    List.of("20.3.2 the recorded errors are training errors",
                            "20.3.2 a tiny run measures each error on its images"), "TRAINING images"),
            new Mutant("plain-nets-faster-in-train-net", "trainNet raises the plain nets' learning rate", DEGRADATION,
                    List.of(edit("        TrainModeError tracker = new TrainModeError();",
                            "        if (!residual) {\n            net.setLearningRate(1e-2);\n        }\n"
                                    + "        TrainModeError tracker = new TrainModeError();")),
                    List.of("20.3.2 a tiny run measures each error on its images with one setting for both nets"),
                    "identical settings for plain and residual nets"),
            new Mutant("eval-mode-as-train-mode", "the eval-mode error after the epoch reported as the train-mode"
                    + " curve", DEGRADATION, List.of(edit("trainMode[e] = tracker.epochError();",
                            "trainMode[e] = Evaluation.error(net, train, settings.batch());")),
                    List.of("20.3.2 the recorded errors are training errors"), "training forward pass"),
            new Mutant("batch-order-per-net", "each net shuffled with its own seed", DEGRADATION,
                    List.of(edit("BatchIterator.shuffled(train, settings.batch(), settings.seed());",
                            "BatchIterator.shuffled(train, settings.batch(), settings.seed() + depth);")),
                    List.of("20.3.2 the four nets share data order and settings"), "same batches in the same order"),
            new Mutant("drop-also-removes-shortcut", "dropping a block together with its projection shortcut", DROP,
                    List.of(edit("        return copy;\n", "        if (copy.paramTable().containsKey(block"
                            + " + \".downsample.bn_gamma\")) {\n            copy.setParam(block + \".downsample.bn_gamma\","
                            + " copy.getParam(block + \".downsample.bn_gamma\").mul(0));\n            copy.setParam(block +"
                            + " \".downsample.bn_beta\", copy.getParam(block + \".downsample.bn_beta\").mul(0));\n"
                            + "        }\n        return copy;\n")),
                    List.of("20.3.3 hidden: a dropped block outputs relu of its shortcut identity or projection"),
                    "its shortcut, a projection, kept"),
            new Mutant("drop-mutates-original", "dropping the block in the original network", DROP,
                    List.of(edit("ComputationGraph copy = net.clone();", "ComputationGraph copy = net;")),
                    List.of("20.3.3 the original network is left untouched"), "return a copy"),
            new Mutant("drop-accepts-any-name", "a misspelt block name silently does nothing", DROP,
                    List.of(edit("        if (!blocks.contains(block)) {", "        if (false) {")),
                    List.of("20.3.3 a name that is not a residual block is rejected with a message"),
                    "IllegalArgumentException"));
}
